package dev.scimbus.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** A schema (RFC 7643 §7): its URN, name, description and top-level attributes. */
public record Schema(String id, String name, String description, List<AttributeDefinition> attributes) {

  public Schema {
    attributes = List.copyOf(attributes);
  }

  /** A top-level attribute by name, ignoring case. */
  public Optional<AttributeDefinition> attribute(String attrName) {
    for (AttributeDefinition a : attributes) {
      if (a.name().equalsIgnoreCase(attrName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public static Schema fromJson(JsonObject json) {
    String id = json.getString("id");
    if (id == null || !id.regionMatches(true, 0, "urn:", 0, 4)) {
      throw new IllegalArgumentException("a schema needs an 'id' that is a URN, got: " + id);
    }
    JsonArray attrs = json.getJsonArray("attributes", new JsonArray());
    return new Schema(id, json.getString("name"), json.getString("description"),
        attrs.stream().map(o -> AttributeDefinition.fromJson((JsonObject) o)).toList());
  }

  /** The representation served by {@code /Schemas/{id}}, without {@code meta}. */
  public JsonObject toJson() {
    JsonArray attrs = new JsonArray();
    attributes.forEach(a -> attrs.add(a.toJson()));
    JsonObject json = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:Schema"))
        .put("id", id);
    if (name != null) {
      json.put("name", name);
    }
    if (description != null) {
      json.put("description", description);
    }
    return json.put("attributes", attrs);
  }
}
