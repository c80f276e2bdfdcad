package dev.scimbus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.server.ScimbusServer;
import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.JwtConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT keys from a JWKS URL served by a tiny in-test HTTP server: startup fetch and key rotation. */
class JwksTest {
  @TempDir
  Path dataDir;
  final Vertx idpVertx = Vertx.vertx();
  final AtomicReference<JsonArray> published = new AtomicReference<>(new JsonArray());
  final AtomicInteger fetches = new AtomicInteger();
  HttpServer idp;

  @BeforeEach
  void startIdp() {
    idp = idpVertx.createHttpServer().requestHandler(req -> {
      fetches.incrementAndGet();
      if (published.get() == null) {
        req.response().setStatusCode(500).end();
        return;
      }
      req.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("keys", published.get()).encode());
    }).listen(0).await();
  }

  @AfterEach
  void stopIdp() {
    idpVertx.close().await();
  }

  private JwtConfig jwks() {
    return JwtConfig.of(TestJwts.ISSUER, TestJwts.AUDIENCE, "http://localhost:" + idp.actualPort() + "/jwks", null);
  }

  @Test
  void keysRotatedAtTheIdentityProviderAreFetchedOnTheirFirstUse() {
    TestJwts first = new TestJwts("key-1");
    TestJwts second = new TestJwts("key-2");
    published.set(new JsonArray().add(first.jwk()));
    try (TestServers s = TestServers.start(TestServers.config(dataDir).withJwt(jwks()))) {
      String scopes = "scim:read";
      assertThat(s.send(HttpMethod.GET, "/scim/v2/Users", first.sign(TestJwts.claims("acme", scopes)), null)
          .statusCode()).isEqualTo(200);
      int fetchesBeforeRotation = fetches.get();

      published.set(new JsonArray().add(second.jwk()));
      assertThat(s.send(HttpMethod.GET, "/scim/v2/Users", second.sign(TestJwts.claims("acme", scopes)), null)
          .statusCode()).isEqualTo(200);
      assertThat(fetches.get()).isEqualTo(fetchesBeforeRotation + 1);
      // The old key is gone from the JWKS, so its tokens no longer verify.
      assertThat(s.send(HttpMethod.GET, "/scim/v2/Users", first.sign(TestJwts.claims("acme", scopes)), null)
          .statusCode()).isEqualTo(401);

      // Made-up key ids do not make the server hammer the JWKS endpoint.
      TestJwts unknown = new TestJwts("key-unknown");
      for (int i = 0; i < 3; i++) {
        assertThat(s.send(HttpMethod.GET, "/scim/v2/Users", unknown.sign(TestJwts.claims("acme", scopes)), null)
            .statusCode()).isEqualTo(401);
      }
      assertThat(fetches.get()).isEqualTo(fetchesBeforeRotation + 1);
    }
  }

  @Test
  void unreachableJwksStopsStartupWithAClearError() {
    published.set(null);
    assertThatThrownBy(() -> ScimbusServer.start(TestServers.config(dataDir).withJwt(jwks())).await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.jwt.jwksUrl")
        .hasMessageContaining("500");
  }
}
