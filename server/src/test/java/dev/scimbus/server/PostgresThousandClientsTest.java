package dev.scimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.config.ServerConfig.TokenEntry;
import dev.scimbus.storage.postgres.PgTestServer;
import dev.scimbus.storage.postgres.PostgresConfig;
import dev.scimbus.storage.postgres.PostgresStorageProvider;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1000 concurrent HTTP clients across 10 tenants on PostgreSQL: each creates a user, reads it,
 * patches it and finds it by filter, all at once. No request may fail, and afterwards every
 * invariant of DESIGN.md §3 holds: each tenant lists exactly its own users, no tenant reads
 * another's, userNames stay unique, and each tenant's change log has one row per write, numbered
 * 1..n without a gap.
 */
class PostgresThousandClientsTest {
  private static final int TENANTS = 10;
  private static final int USERS_PER_TENANT = 100;

  @TempDir
  static Path dataDir;
  static PostgresConfig database;
  static ScimbusServer server;
  static Vertx clientVertx;
  static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    database = PgTestServer.get().newDatabase();
    List<TokenEntry> tokens = new ArrayList<>();
    for (int t = 0; t < TENANTS; t++) {
      tokens.add(new TokenEntry(tenant(t), token(t)));
    }
    server = ScimbusServer.start(TestServers.config(dataDir).withStorage(uri(database)).withTokens(tokens))
        .await(60, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(server.port()), new PoolOptions().setHttp1MaxSize(TENANTS * USERS_PER_TENANT));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
      clientVertx.close().await(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void thousandClientsCreateReadPatchAndFindWithoutAFailureAndTheInvariantsHold() throws Exception {
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    Map<Integer, Set<String>> idsByTenant = new ConcurrentHashMap<>();
    List<Future<Void>> clients = new ArrayList<>();
    for (int t = 0; t < TENANTS; t++) {
      for (int u = 0; u < USERS_PER_TENANT; u++) {
        clients.add(oneClient(t, "user" + u + "@t" + t + ".example.com", failures, idsByTenant));
      }
    }
    Future.join(clients).await(60, TimeUnit.SECONDS);
    assertThat(failures).as("failed requests").isEmpty();

    for (int t = 0; t < TENANTS; t++) {
      Set<String> ids = idsByTenant.get(t);
      assertThat(ids).hasSize(USERS_PER_TENANT);
      JsonObject list = send(HttpMethod.GET, "/scim/v2/Users?count=1000", t, null).await(30, TimeUnit.SECONDS)
          .bodyAsJsonObject();
      assertThat(list.getLong("totalResults")).as("tenant %s total", tenant(t)).isEqualTo(USERS_PER_TENANT);
      List<JsonObject> listed = resources(list);
      assertThat(listed.stream().map(r -> r.getString("id")).collect(Collectors.toSet()))
          .as("tenant %s lists exactly its users", tenant(t)).isEqualTo(ids);
      Set<String> userNames = listed.stream().map(r -> r.getString("userName").toLowerCase()).collect(Collectors.toSet());
      assertThat(userNames).as("userNames unique in %s", tenant(t)).hasSize(USERS_PER_TENANT);
      assertThat(listed).allSatisfy(r -> {
        assertThat(r.getBoolean("active")).isFalse();
        assertThat(r.getString("displayName")).isEqualTo("Patched " + r.getString("userName"));
      });
    }

    assertNoCrossTenantReads(idsByTenant);
    assertDuplicatesAreRefused();
    assertChangeLogs(idsByTenant);
  }

  /** create → GET → PATCH (displayName, active) → filter by userName; every unexpected status is recorded. */
  private static Future<Void> oneClient(int t, String userName, Queue<String> failures,
      Map<Integer, Set<String>> idsByTenant) {
    JsonObject user = TestServers.user(userName).put("active", true);
    return expect(send(HttpMethod.POST, "/scim/v2/Users", t, user), 201, "create " + userName, failures)
        .compose(created -> {
          String id = created.getString("id");
          idsByTenant.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(id);
          return expect(send(HttpMethod.GET, "/scim/v2/Users/" + id, t, null), 200, "get " + id, failures)
              .compose(got -> expect(send(HttpMethod.PATCH, "/scim/v2/Users/" + id, t, patch(userName)), 200,
                  "patch " + id, failures))
              .compose(patched -> expect(send(HttpMethod.GET, "/scim/v2/Users?filter="
                  + URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8), t, null), 200,
                  "find " + userName, failures))
              .map(found -> {
                List<JsonObject> hits = resources(found);
                if (hits.size() != 1 || !id.equals(hits.get(0).getString("id"))) {
                  failures.add("find " + userName + " returned " + found.encode());
                }
                return null;
              });
        });
  }

  private static JsonObject patch(String userName) {
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace")
            .put("value", new JsonObject().put("displayName", "Patched " + userName).put("active", false))));
  }

  /** Every user read with the next tenant's credential is 404, as if it did not exist. */
  private static void assertNoCrossTenantReads(Map<Integer, Set<String>> idsByTenant) throws Exception {
    Queue<String> leaks = new ConcurrentLinkedQueue<>();
    List<Future<?>> reads = new ArrayList<>();
    for (int t = 0; t < TENANTS; t++) {
      int other = (t + 1) % TENANTS;
      for (String id : idsByTenant.get(t)) {
        reads.add(send(HttpMethod.GET, "/scim/v2/Users/" + id, other, null).onSuccess(r -> {
          if (r.statusCode() != 404) {
            leaks.add(tenant(other) + " read " + id + ": " + r.statusCode());
          }
        }).onFailure(e -> leaks.add(tenant(other) + " read " + id + " failed: " + e)));
      }
    }
    Future.join(reads).await(30, TimeUnit.SECONDS);
    assertThat(leaks).as("cross-tenant reads").isEmpty();
  }

  /** A userName that exists, in other case, is a 409 uniqueness in its tenant and fine in another. */
  private static void assertDuplicatesAreRefused() throws Exception {
    HttpResponse<Buffer> dup = send(HttpMethod.POST, "/scim/v2/Users", 3,
        TestServers.user("USER7@T3.EXAMPLE.COM")).await(30, TimeUnit.SECONDS);
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(dup.bodyAsJsonObject().getString("scimType")).isEqualTo("uniqueness");
  }

  /** Per tenant: exactly one create and one patch row per user, sequences 1..200 in order. */
  private static void assertChangeLogs(Map<Integer, Set<String>> idsByTenant) throws Exception {
    PostgresStorageProvider log = PostgresStorageProvider.fromUri(clientVertx, SchemaRegistry.defaults(),
        uri(database));
    log.start().await(30, TimeUnit.SECONDS);
    try {
      for (int t = 0; t < TENANTS; t++) {
        List<ChangeRow> rows = log.changesAfter(tenant(t), 0, 10_000).await(30, TimeUnit.SECONDS);
        assertThat(rows).as("change rows of %s", tenant(t)).hasSize(2 * USERS_PER_TENANT);
        assertThat(rows.stream().mapToLong(ChangeRow::sequence).toArray())
            .containsExactly(LongStream.rangeClosed(1, 2L * USERS_PER_TENANT).toArray());
        Map<String, List<Long>> versions = new TreeMap<>();
        for (ChangeRow r : rows) {
          assertThat(r.tenant()).isEqualTo(tenant(t));
          versions.computeIfAbsent(r.resourceId(), k -> new ArrayList<>()).add(r.version());
        }
        assertThat(versions.keySet()).isEqualTo(idsByTenant.get(t));
        assertThat(versions.values()).allSatisfy(v -> assertThat(v).containsExactly(1L, 2L));
      }
    } finally {
      log.stop().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<JsonObject> expect(Future<HttpResponse<Buffer>> response, int status, String what,
      Queue<String> failures) {
    return response.transform(ar -> {
      if (ar.failed()) {
        failures.add(what + ": " + ar.cause());
        return Future.failedFuture(ar.cause());
      }
      HttpResponse<Buffer> r = ar.result();
      if (r.statusCode() != status) {
        failures.add(what + ": " + r.statusCode() + " " + r.bodyAsString());
        return Future.failedFuture(what + " answered " + r.statusCode());
      }
      return Future.succeededFuture(r.bodyAsJsonObject());
    });
  }

  private static Future<HttpResponse<Buffer>> send(HttpMethod method, String path, int tenant, JsonObject body) {
    HttpRequest<Buffer> r = client.request(method, path).bearerTokenAuthentication(token(tenant));
    return body == null ? r.send()
        : r.putHeader("Content-Type", TestServers.SCIM_JSON).sendBuffer(body.toBuffer());
  }

  private static List<JsonObject> resources(JsonObject list) {
    JsonArray a = list.getJsonArray("Resources", new JsonArray());
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(a.getJsonObject(i));
    }
    return out;
  }

  private static String tenant(int t) {
    return "t" + t;
  }

  private static String token(int t) {
    return "tenant-" + t + "-token-0123456789abcdef";
  }

  private static String uri(PostgresConfig db) {
    return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }
}
