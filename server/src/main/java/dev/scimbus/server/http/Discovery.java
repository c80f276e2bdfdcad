package dev.scimbus.server.http;

import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.config.BulkConfig;
import dev.scimbus.server.config.JwtConfig;
import dev.scimbus.server.config.ScimConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The discovery documents of RFC 7644 §4: {@code /ServiceProviderConfig}, {@code /ResourceTypes}
 * and {@code /Schemas}, built from the schema registry and the server's real settings so that a
 * client learns exactly what this server does. Documents are prepared once; only
 * {@code meta.location} depends on the request.
 */
final class Discovery {
  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  private static final String SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  private final JsonObject serviceProviderConfig;
  private final List<ResourceType> resourceTypes;
  private final List<Schema> schemas;

  Discovery(SchemaRegistry registry, ScimConfig scim, BulkConfig bulk, JwtConfig jwt) {
    this.resourceTypes = List.copyOf(registry.resourceTypes());
    this.schemas = List.copyOf(registry.schemas());
    JsonArray schemes = new JsonArray().add(new JsonObject()
        .put("type", "oauthbearertoken")
        .put("name", "Bearer token")
        .put("description", "A bearer token bound to one tenant: 'Authorization: Bearer <token>'")
        .put("primary", true));
    if (jwt != null) {
      schemes.add(new JsonObject()
          .put("type", "oauthbearertoken")
          .put("name", "OAuth 2.0 JWT access token")
          .put("description", "A JWT from issuer " + jwt.issuer() + "; tenant from the '" + jwt.tenantClaim()
              + "' claim, scopes scim:read, scim:write and scim:events from the '" + jwt.scopeClaim() + "' claim")
          .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
          .put("primary", false));
    }
    this.serviceProviderConfig = new JsonObject()
        .put("schemas", new JsonArray().add(SPC_SCHEMA))
        .put("patch", supported(true))
        .put("bulk", supported(true).put("maxOperations", bulk.maxOperations())
            .put("maxPayloadSize", bulk.maxPayloadSize()))
        .put("filter", supported(true).put("maxResults", scim.maxPageSize()))
        .put("changePassword", supported(true))
        .put("sort", supported(true))
        .put("etag", supported(true))
        // RFC 9865: cursor paging next to index paging; cursors stay valid for cursorTimeout seconds.
        .put("pagination", new JsonObject().put("cursor", true).put("index", true)
            .put("defaultPaginationMethod", "index").put("defaultPageSize", scim.defaultPageSize())
            .put("maxPageSize", scim.maxPageSize()).put("cursorTimeout", scim.cursorTimeoutSeconds()))
        .put("authenticationSchemes", schemes);
  }

  private static JsonObject supported(boolean b) {
    return new JsonObject().put("supported", b);
  }

  JsonObject serviceProviderConfig(String baseUrl) {
    return withMeta(serviceProviderConfig.copy(), "ServiceProviderConfig", baseUrl + "/ServiceProviderConfig");
  }

  JsonObject resourceTypes(String baseUrl) {
    return list(resourceTypes.stream().map(rt -> resourceTypeDoc(rt, baseUrl)).toList());
  }

  Optional<JsonObject> resourceType(String baseUrl, String id) {
    return resourceTypes.stream().filter(rt -> rt.id().equalsIgnoreCase(id) || rt.name().equalsIgnoreCase(id))
        .findFirst().map(rt -> resourceTypeDoc(rt, baseUrl));
  }

  JsonObject schemas(String baseUrl) {
    return list(schemas.stream().map(s -> schemaDoc(s, baseUrl)).toList());
  }

  Optional<JsonObject> schema(String baseUrl, String id) {
    return schemas.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst().map(s -> schemaDoc(s, baseUrl));
  }

  private static JsonObject resourceTypeDoc(ResourceType rt, String baseUrl) {
    return withMeta(rt.toJson(), "ResourceType", baseUrl + "/ResourceTypes/" + rt.id());
  }

  private static JsonObject schemaDoc(Schema s, String baseUrl) {
    return withMeta(s.toJson(), "Schema", baseUrl + "/Schemas/" + s.id());
  }

  private static JsonObject withMeta(JsonObject doc, String resourceType, String location) {
    return doc.put("meta", new JsonObject().put("resourceType", resourceType).put("location", location));
  }

  private static JsonObject list(List<JsonObject> items) {
    return new JsonObject()
        .put("schemas", new JsonArray().add(LIST_RESPONSE))
        .put("totalResults", items.size())
        .put("itemsPerPage", items.size())
        .put("startIndex", 1)
        .put("Resources", new JsonArray(List.copyOf(items)));
  }
}
