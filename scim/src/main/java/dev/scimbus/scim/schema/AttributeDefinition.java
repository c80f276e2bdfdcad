package dev.scimbus.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * One attribute of a schema (RFC 7643 §7), with its characteristics and, for complex attributes,
 * its sub-attributes. Built from and printed to the JSON form that {@code /Schemas} serves.
 */
public record AttributeDefinition(
    String name,
    AttributeType type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<String> canonicalValues,
    List<String> referenceTypes,
    List<AttributeDefinition> subAttributes) {

  public AttributeDefinition {
    canonicalValues = canonicalValues == null ? List.of() : List.copyOf(canonicalValues);
    referenceTypes = referenceTypes == null ? List.of() : List.copyOf(referenceTypes);
    subAttributes = subAttributes == null ? List.of() : List.copyOf(subAttributes);
  }

  /** A sub-attribute by name, ignoring case. */
  public Optional<AttributeDefinition> subAttribute(String subName) {
    for (AttributeDefinition sub : subAttributes) {
      if (sub.name.equalsIgnoreCase(subName)) {
        return Optional.of(sub);
      }
    }
    return Optional.empty();
  }

  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }

  /** Strings compare case-insensitively unless the attribute says caseExact. */
  public boolean caseInsensitiveString() {
    return !caseExact && (type == AttributeType.STRING || type == AttributeType.REFERENCE);
  }

  public static AttributeDefinition fromJson(JsonObject json) {
    String name = json.getString("name");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("attribute without a name: " + json.encode());
    }
    AttributeType type = AttributeType.fromWire(json.getString("type", "string"));
    JsonArray subs = json.getJsonArray("subAttributes");
    List<AttributeDefinition> subAttributes = subs == null ? List.of()
        : subs.stream().map(o -> fromJson((JsonObject) o)).toList();
    if (type == AttributeType.COMPLEX && subAttributes.isEmpty()) {
      throw new IllegalArgumentException("complex attribute '" + name + "' has no subAttributes");
    }
    return new AttributeDefinition(
        name,
        type,
        json.getBoolean("multiValued", false),
        json.getString("description"),
        json.getBoolean("required", false),
        json.getBoolean("caseExact", false),
        Mutability.fromWire(json.getString("mutability", "readWrite")),
        Returned.fromWire(json.getString("returned", "default")),
        Uniqueness.fromWire(json.getString("uniqueness", "none")),
        strings(json.getJsonArray("canonicalValues")),
        strings(json.getJsonArray("referenceTypes")),
        subAttributes);
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("type", type.wire())
        .put("multiValued", multiValued);
    if (description != null) {
      json.put("description", description);
    }
    json.put("required", required);
    if (type == AttributeType.STRING || type == AttributeType.REFERENCE || type == AttributeType.BINARY) {
      json.put("caseExact", caseExact);
    }
    if (!canonicalValues.isEmpty()) {
      json.put("canonicalValues", new JsonArray(canonicalValues));
    }
    if (!referenceTypes.isEmpty()) {
      json.put("referenceTypes", new JsonArray(referenceTypes));
    }
    json.put("mutability", mutability.wire())
        .put("returned", returned.wire())
        .put("uniqueness", uniqueness.wire());
    if (!subAttributes.isEmpty()) {
      JsonArray subs = new JsonArray();
      subAttributes.forEach(s -> subs.add(s.toJson()));
      json.put("subAttributes", subs);
    }
    return json;
  }
}
