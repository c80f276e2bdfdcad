package dev.scimbus.scim.filter;

import dev.scimbus.scim.schema.ResolvedAttribute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads attribute values out of SCIM resources the way SCIM names them: ignoring case. */
final class JsonValues {
  private JsonValues() {}

  /** The value under {@code key}, trying the exact key first and then any case variant of it. */
  static Object get(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v != null) {
      return v;
    }
    for (String k : o.fieldNames()) {
      if (k.equalsIgnoreCase(key)) {
        return o.getValue(k);
      }
    }
    return null;
  }

  /** The value of a resolved attribute; extension attributes live under their schema URN. */
  static Object attributeValue(ResolvedAttribute ra, JsonObject resource) {
    JsonObject container = resource;
    if (ra.extension()) {
      container = get(resource, ra.schema().id()) instanceof JsonObject ext ? ext : null;
    }
    return container == null ? null : get(container, ra.attribute().name());
  }

  /** The sub-attribute {@code key} of a complex value, or the value itself when key is null. */
  static Object project(Object value, String key) {
    if (key == null) {
      return value;
    }
    return value instanceof JsonObject o ? get(o, key) : null;
  }

  /**
   * Whether a value counts as present for {@code pr}: not null, not an empty string, not an empty
   * array, not an object without any present value.
   */
  static boolean nonEmpty(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (nonEmpty(a.getValue(i))) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        if (nonEmpty(o.getValue(k))) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** Presence of {@code value} projected to {@code subKey}, any element of an array counting. */
  static boolean present(Object value, String subKey) {
    if (subKey == null) {
      return nonEmpty(value);
    }
    if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (nonEmpty(project(a.getValue(i), subKey))) {
          return true;
        }
      }
      return false;
    }
    return nonEmpty(project(value, subKey));
  }
}
