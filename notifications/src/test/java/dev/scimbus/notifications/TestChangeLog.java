package dev.scimbus.notifications;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A change log and nothing else: the storage team's concern stands behind the ChangesRequest
 * consumer exactly as a provider would. Thread-safe, so that two test "nodes" (two Vert.x
 * instances) can share it like two servers share PostgreSQL.
 */
final class TestChangeLog implements StorageProvider {
  static final String PROV = "urn:ietf:params:scim:event:prov:";
  private final Map<String, List<ChangeRow>> logs = new HashMap<>();
  private final Map<String, Long> sequences = new HashMap<>();

  /** Appends one committed change; {@code events} are short names such as {@code create:full}. */
  synchronized ChangeRow append(String tenant, String resourceType, String id, String padding, String... events) {
    long seq = sequences.merge(tenant, 1L, Long::sum);
    JsonObject uris = new JsonObject();
    for (String e : events) {
      uris.put(PROV + e, e.endsWith(":full")
          ? new JsonObject().put("data", new JsonObject().put("id", id).put("displayName", padding)) : new JsonObject());
    }
    JsonObject event = new JsonObject().put("jti", "j" + tenant + seq).put("iat", 1_700_000_000L + seq)
        .put("sub_id", new JsonObject().put("format", "scim").put("uri", "/" + resourceType + "s/" + id))
        .put("events", uris);
    ChangeRow row = new ChangeRow(tenant, seq, Instant.now(), resourceType, id, events[0].split(":")[0], seq, event);
    logs.computeIfAbsent(tenant, t -> new ArrayList<>()).add(row);
    return row;
  }

  /** Drops every row of the tenant before {@code oldestKept}, as retention would. */
  synchronized void prune(String tenant, long oldestKept) {
    logs.getOrDefault(tenant, new ArrayList<>()).removeIf(r -> r.sequence() < oldestKept);
  }

  @Override
  public synchronized Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit) {
    List<ChangeRow> out = new ArrayList<>();
    for (ChangeRow row : logs.getOrDefault(tenant, List.of())) {
      if (row.sequence() > afterSequence && out.size() < limit) {
        out.add(row);
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Long> oldestSequence(String tenant) {
    List<ChangeRow> log = logs.getOrDefault(tenant, List.of());
    return Future.succeededFuture(log.isEmpty() ? 0L : log.get(0).sequence());
  }

  @Override
  public String name() {
    return "test-change-log";
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }

  @Override
  public boolean canPushDown(Filter filter) {
    return false;
  }

  @Override
  public boolean canSort(AttributePath sortBy) {
    return false;
  }

  @Override
  public Future<StoredResource> get(String tenant, String resourceType, String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys,
      ChangeDraft change) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion,
      List<UniqueKey> uniqueKeys, ChangeDraft change) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion,
      ChangeDraft change) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<List<StoredResource>> query(String tenant, String resourceType, StorageQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Long> count(String tenant, String resourceType, Filter filter) {
    throw new UnsupportedOperationException();
  }
}
