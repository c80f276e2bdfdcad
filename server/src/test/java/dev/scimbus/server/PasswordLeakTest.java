package dev.scimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.sqlite.SqliteStorageProvider;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The "no password anywhere" check of issue 4: a real server, every kind of request that carries
 * or could echo a password (create, conflicting create, malformed bodies, PUT, PATCH, GET, list,
 * .search, {@code attributes=password}, a filter on password, DELETE), with the root logger at
 * DEBUG captured and an SSE subscriber on /Events; then every response body and header, every
 * event and every log line is searched for the passwords (plain and base64) and their hashes.
 */
class PasswordLeakTest {
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  @TempDir
  Path dataDir;

  private final List<String> seen = new ArrayList<>();

  private HttpResponse<Buffer> record(HttpResponse<Buffer> r) {
    seen.add(r.statusCode() + " " + r.headers() + "\n" + (r.body() == null ? "" : r.bodyAsString()));
    return r;
  }

  private HttpResponse<Buffer> raw(TestServers s, HttpMethod method, String path, String body) {
    return record(s.request(method, path, TestServers.ACME).putHeader("Content-Type", TestServers.SCIM_JSON)
        .sendBuffer(Buffer.buffer(body)).await());
  }

  private static JsonObject patch(String path, Object value) {
    return new JsonObject().put("schemas", new JsonArray().add(PATCH_OP)).put("Operations", new JsonArray()
        .add(new JsonObject().put("op", "replace").put("path", path).put("value", value)));
  }

  @Test
  void noPasswordInAnyResponseEventOrLogLine() throws Exception {
    String p1 = "pw1-" + UUID.randomUUID();
    String p2 = "pw2-" + UUID.randomUUID();
    String p3 = "pw3-" + UUID.randomUUID();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    StringBuffer events = new StringBuffer();
    try (TestServers s = TestServers.start(TestServers.config(dataDir))) {
      HttpClient http = s.clientVertx.createHttpClient();
      HttpClientResponse stream = http.request(new RequestOptions().setMethod(HttpMethod.GET)
          .setHost("localhost").setPort(s.server.port()).setURI("/scim/v2/Events")
          .putHeader("Accept", "text/event-stream").putHeader("Authorization", "Bearer " + TestServers.ACME))
          .compose(req -> req.send()).await();
      assertThat(stream.statusCode()).isEqualTo(200);
      stream.handler(chunk -> events.append(chunk.toString(StandardCharsets.UTF_8)));

      JsonObject created = record(s.post("/scim/v2/Users", TestServers.user("leak@example.com")
          .put("password", p1))).bodyAsJsonObject();
      String id = created.getString("id");
      assertThat(id).isNotNull();
      String users = "/scim/v2/Users/" + id;
      assertThat(record(s.post("/scim/v2/Users", TestServers.user("LEAK@example.com").put("password", p1)))
          .statusCode()).isEqualTo(409);
      assertThat(raw(s, HttpMethod.POST, "/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
          + "\"userName\":5,\"password\":\"" + p1 + "\"}").statusCode()).isEqualTo(400);
      assertThat(raw(s, HttpMethod.POST, "/scim/v2/Users", "{\"userName\":\"x\",\"password\":\"" + p1 + "\"")
          .statusCode()).isEqualTo(400);
      assertThat(raw(s, HttpMethod.POST, "/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
          + "\"userName\":\"y\",\"password\":{\"value\":\"" + p1 + "\"}}").statusCode()).isEqualTo(400);

      assertThat(record(s.send(HttpMethod.PUT, users, TestServers.ACME, TestServers.user("leak@example.com")
          .put("displayName", "Leak").put("password", p2))).statusCode()).isEqualTo(200);
      assertThat(record(s.send(HttpMethod.PATCH, users, TestServers.ACME, patch("password", p3))).statusCode())
          .isEqualTo(200);
      assertThat(record(s.send(HttpMethod.PATCH, users, TestServers.ACME, patch("displayName", "Leaked?")))
          .statusCode()).isEqualTo(200);
      assertThat(record(s.send(HttpMethod.PATCH, users, TestServers.ACME, patch("password", new JsonArray()
          .add(p3)))).statusCode()).isEqualTo(400);

      assertThat(record(s.get(users)).statusCode()).isEqualTo(200);
      assertThat(record(s.get(users + "?attributes=password")).statusCode()).isEqualTo(200);
      assertThat(record(s.get("/scim/v2/Users?attributes=password,userName")).statusCode()).isEqualTo(200);
      assertThat(record(s.get("/scim/v2/Users?cursor=&count=1")).statusCode()).isEqualTo(200);
      assertThat(record(s.get("/scim/v2/Users?filter=password%20eq%20%22" + p3 + "%22")).statusCode()).isEqualTo(400);
      assertThat(record(s.get("/scim/v2/Users?sortBy=password")).statusCode()).isEqualTo(400);
      assertThat(record(s.post("/scim/v2/Users/.search", new JsonObject().put("schemas", new JsonArray().add(SEARCH))
          .put("attributes", new JsonArray().add("password")))).statusCode()).isEqualTo(200);
      assertThat(record(s.post("/scim/v2/.search", new JsonObject().put("schemas", new JsonArray().add(SEARCH))
          .put("filter", "userName pr"))).statusCode()).isEqualTo(200);

      assertThat(record(s.send(HttpMethod.DELETE, users, TestServers.ACME, null)).statusCode()).isEqualTo(204);
      long deadline = System.currentTimeMillis() + 10_000;
      while (!events.toString().contains("prov:delete") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(events.toString()).as("the SSE stream saw the run").contains("prov:create", "prov:delete");
      http.close().await();
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    List<String> logLines = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      logLines.add(e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
    assertThat(logLines).as("DEBUG logging was captured").isNotEmpty();
    List<String> secrets = new ArrayList<>();
    for (String p : List.of(p1, p2, p3)) {
      secrets.add(p);
      secrets.add(Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
      secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
    }
    secrets.add("$argon2id$");
    secrets.add("{sha256}");
    for (String response : seen) {
      assertThat(response).as("a response").doesNotContain(secrets);
    }
    assertThat(events.toString()).as("the SSE events").doesNotContain(secrets);
    for (String line : logLines) {
      assertThat(line).as("a log line").doesNotContain(secrets);
    }
  }

  @Test
  void theStoredPasswordIsAnArgon2idPhcString() {
    Path db = dataDir.resolve("stored.db");
    String id;
    try (TestServers s = TestServers.start(TestServers.config(dataDir).withStorage("sqlite:" + db))) {
      id = s.post("/scim/v2/Users", TestServers.user("stored@example.com").put("password", "s3cret-stored"))
          .bodyAsJsonObject().getString("id");
    }
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      StorageProvider p = SqliteStorageProvider.fromUri(vertx, SchemaRegistry.defaults(), "sqlite:" + db);
      p.start().await();
      String stored = p.get("acme", "User", id).await().data().getString("password");
      p.stop().await();
      assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    } finally {
      vertx.close().await();
    }
  }
}
