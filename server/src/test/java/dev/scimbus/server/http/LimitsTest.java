package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.LimitsConfig;
import dev.scimbus.server.config.ScimConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard rails over HTTP: per-tenant rate limit (429) and filter length and depth (400). */
class LimitsTest {
  @TempDir
  Path dataDir;

  @Test
  void tenantOverItsRateGets429WithRetryAfterWhileOtherTenantsAreUnaffected() {
    // 0.1 requests/s: the bucket of 3 does not refill noticeably while the test runs.
    try (TestServers s = TestServers.start(TestServers.config(dataDir).withLimits(new LimitsConfig(0.1, 3)))) {
      for (int i = 0; i < 3; i++) {
        assertThat(s.get("/scim/v2/Users").statusCode()).isEqualTo(200);
      }
      HttpResponse<Buffer> limited = s.get("/scim/v2/Users");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 10);
      assertThat(limited.bodyAsJsonObject().getString("status")).isEqualTo("429");
      assertThat(limited.getHeader("Content-Type")).startsWith("application/scim+json");

      assertThat(s.send(HttpMethod.GET, "/scim/v2/Users", TestServers.GLOBEX, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void filterLongerOrDeeperThanConfiguredIs400InvalidFilter() {
    ScimConfig d = ScimConfig.defaults();
    ScimConfig scim = new ScimConfig(d.maxPageSize(), d.defaultPageSize(), 40, 2, null, d.patch(), false);
    try (TestServers s = TestServers.start(TestServers.config(dataDir).withScim(scim))) {
      HttpResponse<Buffer> tooLong = s.client.get("/scim/v2/Users")
          .addQueryParam("filter", "userName eq \"" + "a".repeat(50) + "\"")
          .bearerTokenAuthentication(TestServers.ACME).send().await();
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.bodyAsJsonObject().getString("scimType")).isEqualTo("invalidFilter");

      HttpResponse<Buffer> tooDeep = s.client.get("/scim/v2/Users")
          .addQueryParam("filter", "(((userName eq \"a\")))")
          .bearerTokenAuthentication(TestServers.ACME).send().await();
      assertThat(tooDeep.statusCode()).isEqualTo(400);
      assertThat(tooDeep.bodyAsJsonObject().getString("scimType")).isEqualTo("invalidFilter");

      assertThat(s.client.get("/scim/v2/Users").addQueryParam("filter", "(userName eq \"a\")")
          .bearerTokenAuthentication(TestServers.ACME).send().await().statusCode()).isEqualTo(200);
    }
  }
}
