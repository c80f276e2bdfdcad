package dev.scimbus.scim.validation;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One walk over a resource against the schemas of its type, building a normalized copy. The
 * input is only read. In {@link Mode#INPUT} (client bodies) readOnly attributes are dropped; in
 * {@link Mode#STORED} (a resource after PATCH) they are kept and checked like the others.
 */
final class Normalizer {
  enum Mode { INPUT, STORED }

  static final String SCHEMAS = "schemas";

  private final SchemaRegistry registry;
  private final ValidationOptions options;
  private final ResourceType rt;
  private final Mode mode;

  Normalizer(SchemaRegistry registry, ValidationOptions options, ResourceType rt, Mode mode) {
    this.registry = registry;
    this.options = options;
    this.rt = rt;
    this.mode = mode;
  }

  JsonObject normalize(JsonObject input) {
    if (input == null) {
      throw ScimError.invalidSyntax("The request body must be a JSON object describing a " + rt.name());
    }
    Set<String> listed = schemas(input);
    JsonObject out = new JsonObject().put(SCHEMAS, new JsonArray());
    members(topLevelAttributes(), input, FieldPath.RESOURCE, out, true);
    for (ResourceType.Extension ext : rt.schemaExtensions()) {
      Schema schema = registry.schema(ext.schema()).orElseThrow();
      JsonObject data = extensionData(input, schema);
      if (data != null) {
        out.put(schema.id(), data);
        // Okta and Entra ID send extension data without listing its URN; listing it for them is
        // harmless, while rejecting would break their provisioning.
        listed.add(schema.id());
      } else if (ext.required()) {
        throw ScimError.invalidValue("Schema extension " + schema.id() + " is required for resource type "
            + rt.name() + " but the resource carries no data for it");
      }
    }
    listed.forEach(out.getJsonArray(SCHEMAS)::add);
    return out;
  }

  List<AttributeDefinition> topLevelAttributes() {
    return registry.topLevelAttributes(rt);
  }

  /** The canonical schema URNs the resource lists, core first; fails when the core one is missing. */
  private Set<String> schemas(JsonObject input) {
    String core = registry.coreSchema(rt).id();
    Object raw = getIgnoreCase(input, SCHEMAS);
    if (raw == null) {
      throw ScimError.invalidValue("Attribute 'schemas' is required and must contain " + core);
    }
    JsonArray array = raw instanceof String ? new JsonArray().add(raw) : null;
    if (raw instanceof JsonArray a) {
      array = a;
    }
    if (array == null) {
      throw ScimError.invalidSyntax("Attribute 'schemas' must be an array of schema URNs, got "
          + ValueChecker.jsonType(raw));
    }
    Set<String> listed = new LinkedHashSet<>();
    listed.add(core);
    boolean hasCore = false;
    for (int i = 0; i < array.size(); i++) {
      Object urn = array.getValue(i);
      if (!(urn instanceof String s)) {
        throw ScimError.invalidValue("'schemas[" + i + "]' must be a schema URN string, got " + ValueChecker.jsonType(urn));
      }
      String canonical = allowedSchema(s);
      if (canonical == null) {
        throw ScimError.invalidValue("Unknown schema '" + s + "' in 'schemas': a " + rt.name() + " may list only "
            + String.join(", ", registry.schemasOf(rt).stream().map(Schema::id).toList()));
      }
      hasCore |= canonical.equals(core);
      listed.add(canonical);
    }
    if (!hasCore) {
      throw ScimError.invalidValue("Attribute 'schemas' must contain " + core + " for a " + rt.name());
    }
    return listed;
  }

  private String allowedSchema(String urn) {
    for (Schema s : registry.schemasOf(rt)) {
      if (s.id().equalsIgnoreCase(urn)) {
        return s.id();
      }
    }
    return null;
  }

  private JsonObject extensionData(JsonObject input, Schema schema) {
    Object raw = getIgnoreCase(input, schema.id());
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject obj)) {
      throw ScimError.invalidValue("Schema extension '" + schema.id() + "' must be a JSON object, got "
          + ValueChecker.jsonType(raw));
    }
    JsonObject out = new JsonObject();
    members(schema.attributes(), obj, FieldPath.extension(schema.id()), out, false);
    return out.isEmpty() ? null : out;
  }

  /**
   * Normalizes the members of one JSON object (the resource, an extension or a complex value)
   * into {@code out}. {@code at} is the object's own place, which error paths start with.
   */
  private void members(List<AttributeDefinition> defs, JsonObject in, FieldPath at, JsonObject out, boolean topLevel) {
    for (Map.Entry<String, Object> member : in) {
      String key = member.getKey();
      if (topLevel && (key.equalsIgnoreCase(SCHEMAS) || isExtensionKey(key))) {
        continue;
      }
      AttributeDefinition def = find(defs, key);
      if (def == null) {
        unknown(at.child(key));
        continue;
      }
      if (!key.equals(def.name())) {
        rejectCaseTwin(in, key, def, at);
      }
      if (mode == Mode.INPUT && def.mutability() == Mutability.READ_ONLY) {
        continue; // RFC 7644 §3.5.1: readOnly values sent by clients are ignored
      }
      Object value = value(def, member.getValue(), at.child(def.name()));
      if (value != null) {
        out.put(def.name(), value);
      }
    }
    for (int i = 0; i < defs.size(); i++) {
      AttributeDefinition def = defs.get(i);
      boolean clientCannotSend = mode == Mode.INPUT && def.mutability() == Mutability.READ_ONLY;
      if (def.required() && !clientCannotSend && isEmpty(out.getValue(def.name()))) {
        throw ScimError.invalidValue("Attribute '" + at.child(def.name()) + "' is required");
      }
    }
  }

  /**
   * JSON keys are unique, so one attribute can only be given twice in different case; at least
   * one of the two is not the canonical name, which is when this is called.
   */
  private static void rejectCaseTwin(JsonObject in, String key, AttributeDefinition def, FieldPath at) {
    for (String other : in.fieldNames()) {
      if (!other.equals(key) && other.equalsIgnoreCase(def.name())) {
        throw ScimError.invalidValue("Attribute '" + at.child(def.name()) + "' is given more than once (as '"
            + other + "' and '" + key + "')");
      }
    }
  }

  private void unknown(FieldPath path) {
    if (!options.ignoreUnknownAttributes()) {
      throw ScimError.invalidValue("Unknown attribute '" + path + "' for resource type " + rt.name());
    }
  }

  private boolean isExtensionKey(String key) {
    return key.regionMatches(true, 0, "urn:", 0, 4) && rt.hasExtension(key);
  }

  private AttributeDefinition find(List<AttributeDefinition> defs, String key) {
    for (int i = 0; i < defs.size(); i++) {
      AttributeDefinition d = defs.get(i);
      if (options.caseInsensitiveAttributeNames() ? d.name().equalsIgnoreCase(key) : d.name().equals(key)) {
        return d;
      }
    }
    return null;
  }

  /** The normalized value, or null when the value means "absent" (null, [], {} after cleanup). */
  private Object value(AttributeDefinition def, Object raw, FieldPath path) {
    if (raw == null) {
      return null;
    }
    if (def.multiValued()) {
      return multi(def, raw, path);
    }
    if (raw instanceof JsonArray) {
      throw ScimError.invalidValue("Attribute '" + path + "' is single-valued but got an array");
    }
    return single(def, raw, path);
  }

  private Object multi(AttributeDefinition def, Object raw, FieldPath path) {
    // A lone value for a multi-valued attribute is a common client slip; wrapping it is lossless.
    JsonArray in = raw instanceof JsonArray a ? a : new JsonArray().add(raw);
    JsonArray out = new JsonArray();
    FieldPath primaryAt = null;
    for (int i = 0; i < in.size(); i++) {
      Object element = in.getValue(i);
      if (element == null) {
        continue;
      }
      FieldPath at = path.element(i);
      if (element instanceof JsonArray) {
        throw ScimError.invalidValue("Attribute '" + at + "' must be a single value, got a nested array");
      }
      Object v = single(def, element, at);
      if (v == null) {
        continue;
      }
      if (v instanceof JsonObject o && Boolean.TRUE.equals(o.getValue("primary"))) {
        if (primaryAt != null) {
          throw ScimError.invalidValue("Attribute '" + at + ".primary': only one value of '" + path
              + "' may be primary, but " + primaryAt + " is primary too");
        }
        primaryAt = at;
      }
      out.add(v);
    }
    return out.isEmpty() ? null : out;
  }

  private Object single(AttributeDefinition def, Object raw, FieldPath path) {
    if (!def.isComplex()) {
      return ValueChecker.simple(def, raw, path, options);
    }
    if (!(raw instanceof JsonObject obj)) {
      throw ValueChecker.wrongType(path, "a JSON object", raw);
    }
    JsonObject out = new JsonObject();
    members(def.subAttributes(), obj, path, out, false);
    return out.isEmpty() ? null : out;
  }

  static boolean isEmpty(Object v) {
    return v == null
        || v instanceof String s && s.isBlank()
        || v instanceof JsonArray a && a.isEmpty()
        || v instanceof JsonObject o && o.isEmpty();
  }

  static Object getIgnoreCase(JsonObject obj, String key) {
    if (obj == null) {
      return null;
    }
    Object v = obj.getValue(key);
    if (v != null) {
      return v;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    for (String k : obj.fieldNames()) {
      if (k.toLowerCase(Locale.ROOT).equals(lower)) {
        return obj.getValue(k);
      }
    }
    return null;
  }
}
