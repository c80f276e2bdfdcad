package dev.scimbus.loadtest;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sync cycle shaped like Entra ID or Okta provisioning: look the user up by userName, create
 * it when missing, otherwise PATCH it; every tenth operation changes a group membership instead.
 * Operations rotate over all tenants given. Each shard owns a disjoint slice of the user pool,
 * so two shards never race to create the same user.
 */
final class ProvisioningScenario implements Scenario {

  private static final int GROUP_EVERY = 10;

  private final Context ctx;
  private final int slice;
  private final Map<String, List<String>> knownIds = new HashMap<>();
  private final Map<String, Set<String>> members = new HashMap<>();

  ProvisioningScenario(Context ctx) {
    this.ctx = ctx;
    this.slice = Math.max(1, ctx.users() / ctx.shards());
  }

  @Override
  public Future<?> execute(long seq, Tally tally) {
    List<Tenant> tenants = ctx.tenants();
    Tenant tenant = tenants.get((int) (seq % tenants.size()));
    long round = seq / tenants.size();
    List<String> known = knownIds.computeIfAbsent(tenant.name(), k -> new ArrayList<>());
    if (round % GROUP_EVERY == GROUP_EVERY - 1 && !known.isEmpty()) {
      return changeMembership(tenant, known.get((int) (round / GROUP_EVERY % known.size())), tally);
    }
    long index = ctx.shard() + (long) ctx.shards() * (round % slice);
    // The tenant is part of the name so a server (or baseline) with one namespace sees no clashes.
    String userName = "prov-" + ctx.fixture().runId() + "-" + tenant.name() + "-" + index;
    String filter = "userName eq \"" + userName + "\"";
    return ctx.api().send(tally, tenant, GET, "/Users?filter=" + ScimApi.encode(filter), null)
        .compose(found -> {
          JsonArray resources = found.getJsonArray("Resources", new JsonArray());
          if (found.getInteger("totalResults", resources.size()) == 0 || resources.isEmpty()) {
            return ctx.api().send(tally, tenant, POST, "/Users", Payloads.user(userName, index))
                .map(created -> {
                  known.add(created.getString("id"));
                  return created;
                });
          }
          String id = resources.getJsonObject(0).getString("id");
          return ctx.api().send(tally, tenant, PATCH, "/Users/" + id, Payloads.patch(
              Payloads.replace("displayName", "Synced " + userName + " " + round),
              Payloads.replace("active", round % 2 == 0)));
        });
  }

  private Future<JsonObject> changeMembership(Tenant tenant, String userId, Tally tally) {
    Set<String> current = members.computeIfAbsent(tenant.name(), k -> new HashSet<>());
    String path = "/Groups/" + ctx.fixture().groupIdByTenant().get(tenant.name());
    // Local bookkeeping is updated before the answer so that a concurrent operation on the same
    // member picks the opposite change rather than a duplicate add.
    boolean add = current.add(userId);
    if (!add) {
      current.remove(userId);
    }
    JsonObject op = add ? Payloads.addMember(userId) : Payloads.removeMember(userId);
    return ctx.api().send(tally, tenant, PATCH, path, Payloads.patch(op));
  }
}
