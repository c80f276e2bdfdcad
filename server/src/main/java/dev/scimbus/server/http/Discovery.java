package dev.scimbus.server.http;

import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
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

  Discovery(SchemaRegistry registry, int maxPageSize) {
    this.resourceTypes = List.copyOf(registry.resourceTypes());
    this.schemas = List.copyOf(registry.schemas());
    this.serviceProviderConfig = new JsonObject()
        .put("schemas", new JsonArray().add(SPC_SCHEMA))
        .put("patch", supported(true))
        .put("bulk", supported(false).put("maxOperations", 0).put("maxPayloadSize", 0))
        .put("filter", supported(true).put("maxResults", maxPageSize))
        .put("changePassword", supported(false))
        .put("sort", supported(true))
        .put("etag", supported(true))
        .put("authenticationSchemes", new JsonArray().add(new JsonObject()
            .put("type", "oauthbearertoken")
            .put("name", "Bearer token")
            .put("description", "A bearer token bound to one tenant: 'Authorization: Bearer <token>'")
            .put("primary", true)));
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
