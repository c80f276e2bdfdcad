package dev.scimbus.scim.schema;

import io.vertx.core.json.JsonObject;

/**
 * An attribute path resolved against a resource type: the schema that defines the attribute,
 * whether that schema is an extension (so the attribute lives under the URN key of the
 * resource), the attribute, and the sub-attribute when the path names one.
 */
public record ResolvedAttribute(Schema schema, boolean extension, AttributeDefinition attribute,
    AttributeDefinition subAttribute) {

  /** The definition the path ends at: the sub-attribute when there is one. */
  public AttributeDefinition target() {
    return subAttribute != null ? subAttribute : attribute;
  }

  /** The JSON object holding the attribute inside {@code resource}, or null if it is absent. */
  public JsonObject container(JsonObject resource) {
    return extension ? resource.getJsonObject(schema.id()) : resource;
  }

  /** Like {@link #container}, creating the extension object when needed. */
  public JsonObject containerForWrite(JsonObject resource) {
    if (!extension) {
      return resource;
    }
    JsonObject ext = resource.getJsonObject(schema.id());
    if (ext == null) {
      ext = new JsonObject();
      resource.put(schema.id(), ext);
    }
    return ext;
  }

  /** The key the attribute has in its container, as the schema spells it. */
  public String key() {
    return attribute.name();
  }
}
