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

/** The credential decides the tenant; tenants never see each other's data. */
class TenantsTest {
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

  @Test
  void theCredentialDecidesTheTenant() {
    HttpResponse<Buffer> created = s.send(HttpMethod.POST, "/scim/v2/Users", TestServers.ACME,
        TestServers.user("only-acme@example.com"));
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(s.send(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.ACME, null).statusCode()).isEqualTo(200);
    assertThat(s.send(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.GLOBEX, null).statusCode()).isEqualTo(404);
    // the tenant-explicit form of the same tenant reaches the same data, with its own base URL
    HttpResponse<Buffer> explicit = s.send(HttpMethod.GET, "/tenants/acme/scim/v2/Users/" + id, TestServers.ACME, null);
    assertThat(explicit.statusCode()).isEqualTo(200);
    assertThat(explicit.getHeader("Location"))
        .isEqualTo("http://localhost:" + s.server.port() + "/tenants/acme/scim/v2/Users/" + id);
  }

  @Test
  void anotherTenantsPathIs404LikeAMissingTenant() {
    HttpResponse<Buffer> other = s.send(HttpMethod.GET, "/tenants/globex/scim/v2/Users", TestServers.ACME, null);
    HttpResponse<Buffer> missing = s.send(HttpMethod.GET, "/tenants/nobody/scim/v2/Users", TestServers.ACME, null);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(other.bodyAsJsonObject().getString("detail")).doesNotContain("globex is", "exists", "not allowed");
    assertThat(other.bodyAsJsonObject().getString("status")).isEqualTo("404");
  }

  @Test
  void theSameUserNameCanExistInTwoTenants() {
    JsonObject user = TestServers.user("shared.name@example.com");
    assertThat(s.send(HttpMethod.POST, "/scim/v2/Users", TestServers.ACME, user).statusCode()).isEqualTo(201);
    assertThat(s.send(HttpMethod.POST, "/tenants/globex/scim/v2/Users", TestServers.GLOBEX, user).statusCode())
        .isEqualTo(201);
    String filter = ResourceEndpointsTest.enc("userName eq \"shared.name@example.com\"");
    JsonObject globexList = s.send(HttpMethod.GET, "/scim/v2/Users?filter=" + filter, TestServers.GLOBEX, null)
        .bodyAsJsonObject();
    assertThat(globexList.getInteger("totalResults")).isEqualTo(1);
  }
}
