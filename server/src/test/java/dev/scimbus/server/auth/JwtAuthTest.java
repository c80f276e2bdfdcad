package dev.scimbus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.JwtConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT bearer tokens verified with a PEM public key: signature, time, issuer, audience, tenant and scopes. */
class JwtAuthTest {
  @TempDir
  static Path dataDir;
  static TestServers s;
  static final TestJwts IDP = new TestJwts(null);
  static final String ALL = "scim:read scim:write scim:events";

  @BeforeAll
  static void start() throws Exception {
    Path pem = IDP.writePem(dataDir);
    s = TestServers.start(TestServers.config(dataDir)
        .withJwt(JwtConfig.of(TestJwts.ISSUER, TestJwts.AUDIENCE, null, pem)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static HttpResponse<Buffer> as(String jwt, HttpMethod method, String path, JsonObject body) {
    return s.send(method, path, jwt, body);
  }

  @Test
  void validTokenWorksAndItsTenantClaimSelectsTheTenant() {
    String globex = IDP.sign(TestJwts.claims("globex", ALL));
    HttpResponse<Buffer> created = as(globex, HttpMethod.POST, "/scim/v2/Users", TestServers.user("jwt.user@example.com"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(s.send(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.GLOBEX, null).statusCode()).isEqualTo(200);
    assertThat(s.send(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.ACME, null).statusCode()).isEqualTo(404);
    assertThat(as(globex, HttpMethod.GET, "/tenants/acme/scim/v2/Users", null).statusCode()).isEqualTo(404);
  }

  @Test
  void scopesAsAnArrayAreAccepted() {
    JsonObject claims = TestJwts.claims("acme", null).put("scope", new io.vertx.core.json.JsonArray().add("scim:read"));
    assertThat(as(IDP.sign(claims), HttpMethod.GET, "/scim/v2/Users", null).statusCode()).isEqualTo(200);
  }

  private static void assertRejected(String jwt, String detailPart) {
    HttpResponse<Buffer> r = as(jwt, HttpMethod.GET, "/scim/v2/Users", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(r.bodyAsJsonObject().getString("detail")).containsIgnoringCase(detailPart);
  }

  @Test
  void expiredTokenIs401() {
    long past = System.currentTimeMillis() / 1000 - 3600;
    assertRejected(IDP.sign(TestJwts.claims("acme", ALL).put("iat", past - 60).put("exp", past)), "expired");
  }

  @Test
  void tokenSignedByAnotherKeyIs401() {
    assertRejected(new TestJwts(null).sign(TestJwts.claims("acme", ALL)), "rejected");
  }

  @Test
  void wrongIssuerIs401() {
    assertRejected(IDP.sign(TestJwts.claims("acme", ALL).put("iss", "https://evil.example")), "issuer");
  }

  @Test
  void wrongAudienceIs401() {
    assertRejected(IDP.sign(TestJwts.claims("acme", ALL).put("aud", "another-api")), "audience");
  }

  @Test
  void tokenWithoutTenantClaimIs401() {
    JsonObject claims = TestJwts.claims("acme", ALL);
    claims.remove("tenant");
    assertRejected(IDP.sign(claims), "'tenant' claim");
  }

  @Test
  void missingWriteScopeIs403WithInsufficientScopeChallenge() {
    String readOnly = IDP.sign(TestJwts.claims("acme", "scim:read"));
    assertThat(as(readOnly, HttpMethod.GET, "/scim/v2/Users", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> r = as(readOnly, HttpMethod.POST, "/scim/v2/Users", TestServers.user("jwt.denied@example.com"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.getHeader("WWW-Authenticate")).contains("error=\"insufficient_scope\"").contains("scope=\"scim:write\"");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("scim:write");
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("403");
  }

  @Test
  void searchNeedsOnlyReadButBulkNeedsWrite() {
    String readOnly = IDP.sign(TestJwts.claims("acme", "scim:read"));
    JsonObject search = new JsonObject().put("schemas",
        new io.vertx.core.json.JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"));
    assertThat(as(readOnly, HttpMethod.POST, "/scim/v2/Users/.search", search).statusCode()).isEqualTo(200);
    assertThat(as(readOnly, HttpMethod.POST, "/scim/v2/Bulk", new JsonObject()).statusCode()).isEqualTo(403);
  }

  @Test
  void eventsNeedTheEventsScope() {
    String rw = IDP.sign(TestJwts.claims("acme", "scim:read scim:write"));
    HttpResponse<Buffer> r = s.client.get("/scim/v2/Events").addQueryParam("access_token", rw)
        .putHeader("Accept", "text/event-stream").send().await();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.getHeader("WWW-Authenticate")).contains("scope=\"scim:events\"");
  }

  @Test
  void meResolvesTheSubjectClaimToAUser() {
    String admin = IDP.sign(TestJwts.claims("acme", ALL));
    HttpResponse<Buffer> created = as(admin, HttpMethod.POST, "/scim/v2/Users", TestServers.user("jwt.me@example.com"));
    String id = created.bodyAsJsonObject().getString("id");
    String me = IDP.sign(TestJwts.claims("acme", "scim:read").put("sub", "JWT.ME@example.com"));
    HttpResponse<Buffer> r = as(me, HttpMethod.GET, "/scim/v2/Me", null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(r.getHeader("Location")).isEqualTo(s.baseUrl() + "/Users/" + id);
    assertThat(as(admin, HttpMethod.GET, "/scim/v2/Me", null).statusCode()).isEqualTo(501);
  }

  @Test
  void staticTokensKeepWorkingNextToJwts() {
    assertThat(s.get("/scim/v2/Users").statusCode()).isEqualTo(200);
  }

  @Test
  void serviceProviderConfigListsTheJwtScheme() {
    var schemes = s.get("/scim/v2/ServiceProviderConfig").bodyAsJsonObject().getJsonArray("authenticationSchemes");
    assertThat(schemes).hasSize(2);
    assertThat(schemes.getJsonObject(1).getString("description")).contains(TestJwts.ISSUER);
  }
}
