package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.ResourceService;
import dev.scimbus.storage.ServiceOptions;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1000 concurrent clients across 10 tenants, each creating, reading, patching and finding its
 * user through {@link ResourceService}, all at once on one pool. Every request must succeed, and
 * afterwards the invariants of DESIGN.md §3 must hold in the tables themselves: one resource and
 * one unique key per client, in its own tenant only; exactly one change row per write; per-tenant
 * sequences 1..n without a gap. The clients are issued from event loops, so concurrent creates of
 * a tenant go through group commit (one run: the 1000 creates in 30 transactions).
 */
class PostgresConcurrencyTest {
  private static final int TENANTS = 10;
  private static final int CLIENTS_PER_TENANT = 100;
  private static final String BASE = "https://scim.example.com/scim/v2";
  private static Vertx vertx;
  private static PostgresConfig db;
  private static PostgresStorageProvider provider;
  private static ResourceService service;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    db = PgTestServer.get().newDatabase();
    provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        PgTestServer.uri(db, "poolSize=32&queryTimeout=60s"));
    provider.start().await(60, TimeUnit.SECONDS);
    service = new ResourceService(vertx, SchemaRegistry.defaults(), provider, ServiceOptions.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void thousandConcurrentClientsAllSucceedAndEveryInvariantHolds() throws Exception {
    // Issued from event loops, as the storage verticles do, each tenant's clients spread over
    // two contexts (on different loops): concurrent creates of a tenant on one loop then commit
    // together (group commit) while the other loop's batches of the same tenant compete with them.
    List<Future<String>> clients = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch issued = new CountDownLatch(2 * TENANTS);
    for (int t = 0; t < TENANTS; t++) {
      for (int half = 0; half < 2; half++) {
        String tenant = "tenant-" + t;
        int from = half * CLIENTS_PER_TENANT / 2;
        vertx.getOrCreateContext().runOnContext(v -> {
          for (int c = from; c < from + CLIENTS_PER_TENANT / 2; c++) {
            clients.add(client(tenant, "User-" + c));
          }
          issued.countDown();
        });
      }
    }
    assertThat(issued.await(30, TimeUnit.SECONDS)).isTrue();
    Future.join(new ArrayList<>(clients)).otherwiseEmpty().await(300, TimeUnit.SECONDS);
    List<Throwable> failures = clients.stream().filter(Future::failed).map(Future::cause).toList();
    assertThat(failures).isEmpty();

    try (Connection c = PgTestServer.get().connect(db); Statement s = c.createStatement()) {
      Map<String, Long> resources = counts(s, "SELECT tenant, count(*) FROM resources GROUP BY tenant");
      Map<String, Long> keys = counts(s, "SELECT tenant, count(DISTINCT value) FROM unique_keys GROUP BY tenant");
      Map<String, Long> rows = counts(s, "SELECT tenant, count(*) FROM changes GROUP BY tenant");
      Map<String, Long> versions = counts(s, "SELECT tenant, sum(version) FROM resources GROUP BY tenant");
      for (int t = 0; t < TENANTS; t++) {
        String tenant = "tenant-" + t;
        assertThat(resources.get(tenant)).as(tenant).isEqualTo(CLIENTS_PER_TENANT);
        assertThat(keys.get(tenant)).as(tenant).isEqualTo(CLIENTS_PER_TENANT);
        // a create and a patch per client: one change row per committed write, i.e. per version
        assertThat(rows.get(tenant)).as(tenant).isEqualTo(2L * CLIENTS_PER_TENANT).isEqualTo(versions.get(tenant));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT xmin::text) FROM changes WHERE operation = 'create'")) {
        rs.next();
        System.out.println("transactions that committed the 1000 creates: " + rs.getLong(1));
        // change rows are never updated: their xmin is the transaction of the create
        assertThat(rs.getLong(1)).as("creates committed together (group commit)").isLessThan(TENANTS * CLIENTS_PER_TENANT);
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM unique_keys k WHERE NOT EXISTS (SELECT 1 FROM resources r"
          + " WHERE r.tenant = k.tenant AND r.type = k.type AND r.id = k.resource_id"
          + " AND lower(r.data ->> 'userName') = k.value)")) {
        rs.next();
        assertThat(rs.getLong(1)).as("unique keys without their resource").isZero();
      }
    }
    for (int t = 0; t < TENANTS; t++) {
      List<ChangeRow> log = provider.changesAfter("tenant-" + t, 0, 10_000).await(30, TimeUnit.SECONDS);
      for (int i = 0; i < log.size(); i++) {
        assertThat(log.get(i).sequence()).isEqualTo(i + 1L);
        assertThat(log.get(i).tenant()).isEqualTo("tenant-" + t);
      }
    }
  }

  /** One client: create, get, patch, then find itself by userName (in another case) and by the patched title. */
  private static Future<String> client(String tenant, String userName) {
    JsonObject user = new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.USER))
        .put("userName", userName).put("externalId", tenant + "/" + userName);
    return send(Operation.CREATE, tenant, null, user, null, null, 201).compose(created -> {
      String id = created.body().getString("id");
      return send(Operation.GET, tenant, id, null, null, null, 200)
          .compose(got -> send(Operation.PATCH, tenant, id, new JsonObject()
              .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
              .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "title")
                  .put("value", "T " + userName))), got.etag(), null, 200))
          .compose(patched -> send(Operation.LIST, tenant, null, null, null,
              new QueryParams("userName eq \"" + userName.toLowerCase() + "\" and title eq \"t " + userName + "\"",
                  null, null, null, null, null, null, null), 200))
          .map(found -> {
            JsonArray r = found.body().getJsonArray("Resources");
            if (found.body().getLong("totalResults") != 1 || !id.equals(r.getJsonObject(0).getString("id"))) {
              throw new AssertionError(tenant + " " + userName + " found " + found.body());
            }
            return id;
          });
    });
  }

  private static Future<StorageReply> send(Operation op, String tenant, String id, JsonObject body, String ifMatch,
      QueryParams q, int expected) {
    return service.handle(new StorageRequest(op, tenant, "User", id, body, ifMatch, q, BASE)).map(r -> {
      if (r.status() != expected) {
        throw new AssertionError(op + " answered " + r.status() + ": " + r.body());
      }
      return r;
    });
  }

  private static Map<String, Long> counts(Statement s, String sql) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
