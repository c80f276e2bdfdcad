package dev.scimbus.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A resource type (RFC 7643 §6): its name (used in {@code meta.resourceType}), endpoint, core
 * schema and schema extensions.
 */
public record ResourceType(String id, String name, String endpoint, String description, String schema,
    List<Extension> schemaExtensions) {

  /** A schema extension of a resource type, and whether resources must carry it. */
  public record Extension(String schema, boolean required) {}

  public ResourceType {
    if (endpoint == null || !endpoint.startsWith("/")) {
      throw new IllegalArgumentException("resource type '" + name + "' needs an endpoint starting with '/', got " + endpoint);
    }
    schemaExtensions = schemaExtensions == null ? List.of() : List.copyOf(schemaExtensions);
  }

  /** The endpoint without its leading slash, e.g. {@code Users}. */
  public String path() {
    return endpoint.substring(1);
  }

  public boolean hasExtension(String urn) {
    return schemaExtensions.stream().anyMatch(e -> e.schema().equalsIgnoreCase(urn));
  }

  public static ResourceType fromJson(JsonObject json) {
    JsonArray ext = json.getJsonArray("schemaExtensions", new JsonArray());
    String name = json.getString("name");
    return new ResourceType(json.getString("id", name), name, json.getString("endpoint"),
        json.getString("description"), json.getString("schema"),
        ext.stream().map(o -> (JsonObject) o)
            .map(e -> new Extension(e.getString("schema"), e.getBoolean("required", false))).toList());
  }

  /** The representation served by {@code /ResourceTypes/{id}}, without {@code meta}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:ResourceType"))
        .put("id", id)
        .put("name", name)
        .put("endpoint", endpoint);
    if (description != null) {
      json.put("description", description);
    }
    json.put("schema", schema);
    if (!schemaExtensions.isEmpty()) {
      JsonArray ext = new JsonArray();
      schemaExtensions.forEach(e -> ext.add(new JsonObject().put("schema", e.schema()).put("required", e.required())));
      json.put("schemaExtensions", ext);
    }
    return json;
  }
}
