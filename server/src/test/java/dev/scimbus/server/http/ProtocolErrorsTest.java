package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Media types, malformed bodies, authentication, unknown endpoints and methods, body limits. */
class ProtocolErrorsTest {
  @TempDir
  static Path dataDir;
  static TestServers s;

  @BeforeAll
  static void start() {
    s = TestServers.start(TestServers.config(dataDir));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
    var r = s.request(HttpMethod.POST, path, TestServers.ACME);
    if (contentType != null) {
      r.putHeader("Content-Type", contentType);
    }
    return r.sendBuffer(Buffer.buffer(body)).await();
  }

  private static void assertScimError(HttpResponse<Buffer> r, int status, String scimType) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/scim+json;charset=UTF-8");
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(body.getString("status")).isEqualTo(Integer.toString(status));
    assertThat(body.getString("scimType")).isEqualTo(scimType);
    assertThat(body.getString("detail")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/scim+json", "application/json", "application/scim+json; charset=utf-8",
      "application/json;charset=UTF-8", "Application/SCIM+JSON"})
  void acceptsScimAndPlainJsonWithOrWithoutCharset(String contentType) {
    String userName = "ct-" + java.util.UUID.randomUUID() + "@example.com";
    HttpResponse<Buffer> r = postRaw("/scim/v2/Users", contentType, TestServers.user(userName).encode());
    assertThat(r.statusCode()).isEqualTo(201);
  }

  @Test
  void textPlainIs415() {
    assertScimError(postRaw("/scim/v2/Users", "text/plain", TestServers.user("plain@example.com").encode()), 415,
        "invalidSyntax");
  }

  @Test
  void malformedJsonIs400InvalidSyntax() {
    assertScimError(postRaw("/scim/v2/Users", "application/scim+json", "{\"userName\": "), 400, "invalidSyntax");
  }

  @Test
  void jsonThatIsNotAnObjectIs400InvalidSyntax() {
    HttpResponse<Buffer> r = postRaw("/scim/v2/Users", "application/scim+json", "[1, 2]");
    assertScimError(r, 400, "invalidSyntax");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("JSON object");
  }

  @Test
  void missingTokenIs401WithChallenge() {
    HttpResponse<Buffer> r = s.send(HttpMethod.GET, "/scim/v2/Users", null, null);
    assertScimError(r, 401, null);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"scimbus\"");
  }

  @Test
  void wrongTokenIs401WithChallenge() {
    HttpResponse<Buffer> r = s.send(HttpMethod.GET, "/scim/v2/Users", "not-a-token", null);
    assertScimError(r, 401, null);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"scimbus\"");
    HttpResponse<Buffer> basic = s.request(HttpMethod.GET, "/scim/v2/Users", null)
        .putHeader("Authorization", "Basic " + TestServers.ACME).send().await();
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void discoveryNeedsAuthenticationToo() {
    assertThat(s.send(HttpMethod.GET, "/scim/v2/ServiceProviderConfig", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void healthNeedsNoAuthentication() {
    HttpResponse<Buffer> r = s.send(HttpMethod.GET, "/health", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void unknownEndpointIs404ScimError() {
    assertScimError(s.get("/scim/v2/Widgets"), 404, null);
    assertScimError(s.get("/scim/v2/Users/x/y"), 404, null);
    assertScimError(postRaw("/scim/v2/Widgets", "application/scim+json", "{}"), 404, null);
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<Buffer> onType = s.send(HttpMethod.DELETE, "/scim/v2/Users", TestServers.ACME, null);
    assertScimError(onType, 405, null);
    assertThat(onType.getHeader("Allow")).isEqualTo("GET, POST");
    HttpResponse<Buffer> onResource = s.send(HttpMethod.POST, "/scim/v2/Users/abc", TestServers.ACME, new JsonObject());
    assertScimError(onResource, 405, null);
    assertThat(onResource.getHeader("Allow")).isEqualTo("GET, PUT, PATCH, DELETE");
    HttpResponse<Buffer> onDiscovery = s.send(HttpMethod.POST, "/scim/v2/ServiceProviderConfig", TestServers.ACME,
        new JsonObject());
    assertScimError(onDiscovery, 405, null);
    assertThat(onDiscovery.getHeader("Allow")).isEqualTo("GET");
    HttpResponse<Buffer> onSearch = s.get("/scim/v2/.search");
    assertScimError(onSearch, 405, null);
    assertThat(onSearch.getHeader("Allow")).isEqualTo("POST");
  }

  @Test
  void bodyOverTheLimitIs413ScimError() {
    String big = TestServers.user("big@example.com").put("displayName", "x".repeat(70 * 1024)).encode();
    assertScimError(postRaw("/scim/v2/Users", "application/scim+json", big), 413, null);
  }
}
