package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.ScimConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceProviderConfig, ResourceTypes and Schemas describe what this server really does. */
class DiscoveryEndpointsTest {
  static final String CUSTOM = "urn:example:params:scim:schemas:extension:acme:2.0:User";

  @TempDir
  static Path dataDir;
  static TestServers s;

  @BeforeAll
  static void start() throws IOException {
    Path schemas = dataDir.resolve("schemas.yaml");
    Files.writeString(schemas, String.join("\n",
        "schemas:",
        "  - id: \"" + CUSTOM + "\"",
        "    name: AcmeUser",
        "    description: Acme additions",
        "    attributes:",
        "      - name: badgeNumber",
        "        type: string",
        "extensions:",
        "  - resourceType: User",
        "    schema: \"" + CUSTOM + "\"",
        "    required: false",
        ""));
    var config = TestServers.config(dataDir);
    ScimConfig scim = config.scim().withMaxPageSize(250).withSchemasFile(schemas);
    s = TestServers.start(config.withScim(scim));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void assertMeta(JsonObject doc, String resourceType, String location) {
    assertThat(doc.getJsonObject("meta").getString("resourceType")).isEqualTo(resourceType);
    assertThat(doc.getJsonObject("meta").getString("location")).isEqualTo(location);
  }

  @Test
  void serviceProviderConfigDescribesTheServer() {
    HttpResponse<Buffer> r = s.get("/scim/v2/ServiceProviderConfig");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/scim+json;charset=UTF-8");
    JsonObject spc = r.bodyAsJsonObject();
    assertThat(spc.getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    assertThat(spc.getJsonObject("patch").getBoolean("supported")).isTrue();
    assertThat(spc.getJsonObject("bulk").getBoolean("supported")).isTrue();
    assertThat(spc.getJsonObject("bulk").getInteger("maxOperations")).isEqualTo(1000);
    assertThat(spc.getJsonObject("bulk").getLong("maxPayloadSize")).isEqualTo(1024L * 1024);
    assertThat(spc.getJsonObject("filter").getBoolean("supported")).isTrue();
    assertThat(spc.getJsonObject("filter").getInteger("maxResults")).isEqualTo(250);
    assertThat(spc.getJsonObject("changePassword").getBoolean("supported")).isTrue();
    JsonObject pagination = spc.getJsonObject("pagination");
    assertThat(pagination.getBoolean("cursor")).isTrue();
    assertThat(pagination.getBoolean("index")).isTrue();
    assertThat(pagination.getString("defaultPaginationMethod")).isEqualTo("index");
    assertThat(pagination.getInteger("maxPageSize")).isEqualTo(250);
    assertThat(pagination.getInteger("defaultPageSize")).isEqualTo(100);
    assertThat(pagination.getInteger("cursorTimeout")).isEqualTo(3600);
    assertThat(spc.getJsonArray("authenticationSchemes")).hasSize(1);
    assertThat(spc.getJsonObject("sort").getBoolean("supported")).isTrue();
    assertThat(spc.getJsonObject("etag").getBoolean("supported")).isTrue();
    assertThat(spc.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type")).isEqualTo("oauthbearertoken");
    assertMeta(spc, "ServiceProviderConfig", s.baseUrl() + "/ServiceProviderConfig");
    assertThat(r.getHeader("Location")).isNull();
  }

  @Test
  void resourceTypesListUserWithExtensionsAndGroup() {
    JsonObject list = s.get("/scim/v2/ResourceTypes").bodyAsJsonObject();
    assertThat(list.getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    assertThat(list.getInteger("totalResults")).isEqualTo(2);
    JsonArray resources = list.getJsonArray("Resources");
    JsonObject user = resources.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals("User"))
        .findFirst().orElseThrow();
    assertThat(user.getString("endpoint")).isEqualTo("/Users");
    assertThat(user.getJsonArray("schemaExtensions").stream().map(o -> ((JsonObject) o).getString("schema")).toList())
        .containsExactly("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", CUSTOM);
    assertMeta(user, "ResourceType", s.baseUrl() + "/ResourceTypes/User");
    assertThat(resources.stream().map(o -> ((JsonObject) o).getString("id")).toList()).contains("Group");

    HttpResponse<Buffer> group = s.get("/scim/v2/ResourceTypes/Group");
    assertThat(group.statusCode()).isEqualTo(200);
    assertThat(group.bodyAsJsonObject().getString("endpoint")).isEqualTo("/Groups");
    assertThat(s.get("/scim/v2/ResourceTypes/Nope").statusCode()).isEqualTo(404);
  }

  @Test
  void schemasServeTheCoreSchemasAndTheCustomOne() {
    JsonObject list = s.get("/scim/v2/Schemas").bodyAsJsonObject();
    List<String> ids = list.getJsonArray("Resources").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    assertThat(ids).containsExactlyInAnyOrder("urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        CUSTOM);
    HttpResponse<Buffer> custom = s.get("/scim/v2/Schemas/" + CUSTOM);
    assertThat(custom.statusCode()).isEqualTo(200);
    assertThat(custom.bodyAsJsonObject().getJsonArray("attributes").getJsonObject(0).getString("name"))
        .isEqualTo("badgeNumber");
    assertMeta(custom.bodyAsJsonObject(), "Schema", s.baseUrl() + "/Schemas/" + CUSTOM);
    assertThat(s.get("/scim/v2/Schemas/urn:nope").statusCode()).isEqualTo(404);
  }

  @Test
  void tenantPathDiscoveryUsesTheTenantBaseUrl() {
    JsonObject spc = s.get("/tenants/acme/scim/v2/ServiceProviderConfig").bodyAsJsonObject();
    assertThat(spc.getJsonObject("meta").getString("location"))
        .isEqualTo("http://localhost:" + s.server.port() + "/tenants/acme/scim/v2/ServiceProviderConfig");
  }
}
