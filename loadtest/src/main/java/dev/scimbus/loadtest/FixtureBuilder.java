package dev.scimbus.loadtest;

import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Creates the users and groups that read and update scenarios need, before any warmup, with a
 * bounded number of parallel requests so preparation is fast but does not itself overload the
 * server. Any failure aborts the run: measuring against a half-built data set is meaningless.
 */
final class FixtureBuilder {

  private final Vertx vertx;
  private final LoadConfig config;
  private final Progress progress;

  FixtureBuilder(Vertx vertx, LoadConfig config, Progress progress) {
    this.vertx = vertx;
    this.config = config;
    this.progress = progress;
  }

  Future<Fixture> build() {
    String runId = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    boolean needUsers = config.scenarios().stream().anyMatch(ScenarioKind::needsUsers);
    boolean needGroups = config.scenarios().stream().anyMatch(ScenarioKind::needsGroups);
    int lanes = Math.min(64, config.concurrency());
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(lanes));
    ScimApi api = new ScimApi(client, config.url(), progress);
    Tally tally = new Tally();
    Future<List<Fixture.UserRef>> users = needUsers
        ? createUsers(api, tally, runId, lanes)
        : Future.succeededFuture(List.of());
    return users.compose(list -> (needGroups ? createGroups(api, tally, runId) : Future.succeededFuture(
            Map.<String, String>of()))
            .map(groups -> new Fixture(runId, list, groups)))
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "preparing data failed (is the URL and token right?): " + err.getMessage(), err)))
        .andThen(ar -> client.close());
  }

  private Future<List<Fixture.UserRef>> createUsers(ScimApi api, Tally tally, String runId, int lanes) {
    int n = config.users();
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<Fixture.UserRef> refs = new AtomicReferenceArray<>(n);
    Tenant tenant = config.primaryTenant();
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      Promise<Void> lane = Promise.promise();
      createNext(api, tally, tenant, runId, next, refs, lane);
      all.add(lane.future());
    }
    return Future.all(all).map(v -> {
      List<Fixture.UserRef> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(refs.get(i));
      }
      return list;
    });
  }

  private void createNext(ScimApi api, Tally tally, Tenant tenant, String runId, AtomicInteger next,
      AtomicReferenceArray<Fixture.UserRef> refs, Promise<Void> lane) {
    int i = next.getAndIncrement();
    if (i >= refs.length()) {
      lane.tryComplete();
      return;
    }
    String userName = "lt-" + runId + "-u" + i;
    api.send(tally, tenant, POST, "/Users", Payloads.user(userName, i)).onComplete(ar -> {
      if (ar.failed()) {
        lane.tryFail(ar.cause());
        return;
      }
      String id = ar.result().getString("id");
      if (id == null) {
        lane.tryFail("POST /Users answered without an id");
        return;
      }
      refs.set(i, new Fixture.UserRef(id, userName));
      createNext(api, tally, tenant, runId, next, refs, lane);
    });
  }

  private Future<Map<String, String>> createGroups(ScimApi api, Tally tally, String runId) {
    Map<String, String> ids = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Tenant t : config.tenants()) {
      chain = chain.compose(v -> api.send(tally, t, POST, "/Groups", Payloads.group("lt-" + runId + "-group"))
          .map(g -> {
            ids.put(t.name(), g.getString("id"));
            return null;
          }));
    }
    return chain.map(v -> ids);
  }
}
