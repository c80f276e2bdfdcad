package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.ServerConfig.TokenEntry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /Me} (RFC 7644 §3.11) with static tokens bound to a userName. */
class MeEndpointTest {
  static final String BJENSEN_TOKEN = "bjensen-token-0123456789";
  static final String GHOST_TOKEN = "ghost-token-0123456789";

  @TempDir
  static Path dataDir;
  static TestServers s;

  @BeforeAll
  static void start() {
    var config = TestServers.config(dataDir);
    var tokens = new java.util.ArrayList<>(config.tokens());
    tokens.add(new TokenEntry("acme", BJENSEN_TOKEN, "bjensen"));
    tokens.add(new TokenEntry("acme", GHOST_TOKEN, "nobody"));
    s = TestServers.start(config.withTokens(List.copyOf(tokens)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void getAndPatchMeActOnTheBoundUser() {
    String id = s.post("/scim/v2/Users", TestServers.user("bjensen")).bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> me = s.send(HttpMethod.GET, "/scim/v2/Me", BJENSEN_TOKEN, null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(me.getHeader("Location")).isEqualTo(s.baseUrl() + "/Users/" + id);

    JsonObject patch = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "displayName")
            .put("value", "Babs Jensen")));
    HttpResponse<Buffer> patched = s.request(HttpMethod.PATCH, "/tenants/acme/scim/v2/Me", BJENSEN_TOKEN)
        .putHeader("Content-Type", TestServers.SCIM_JSON).putHeader("If-Match", me.getHeader("ETag"))
        .sendBuffer(patch.toBuffer()).await();
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.getHeader("Location")).endsWith("/tenants/acme/scim/v2/Users/" + id);
    assertThat(s.get("/scim/v2/Users/" + id).bodyAsJsonObject().getString("displayName")).isEqualTo("Babs Jensen");
  }

  @Test
  void unboundTokenGets501() {
    HttpResponse<Buffer> r = s.get("/scim/v2/Me");
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("501");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("not bound to a user");
  }

  @Test
  void boundUserThatDoesNotExistIs404() {
    HttpResponse<Buffer> r = s.send(HttpMethod.GET, "/scim/v2/Me", GHOST_TOKEN, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("nobody");
  }

  @Test
  void postOnMeIs405() {
    HttpResponse<Buffer> r = s.send(HttpMethod.POST, "/scim/v2/Me", BJENSEN_TOKEN, TestServers.user("x"));
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("Allow")).isEqualTo("GET, PUT, PATCH, DELETE");
  }
}
