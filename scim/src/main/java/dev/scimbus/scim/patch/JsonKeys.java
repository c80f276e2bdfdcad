package dev.scimbus.scim.patch;

import io.vertx.core.json.JsonObject;

/** Case-insensitive key look-up in JSON objects, since SCIM attribute names ignore case. */
final class JsonKeys {
  private JsonKeys() {}

  /** The key of {@code o} equal to {@code name} ignoring case (exact match first), or null. */
  static String find(JsonObject o, String name) {
    if (o == null) {
      return null;
    }
    if (o.containsKey(name)) {
      return name;
    }
    for (String k : o.fieldNames()) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  static Object get(JsonObject o, String name) {
    String k = find(o, name);
    return k == null ? null : o.getValue(k);
  }

  /** Puts {@code value} under {@code name}, dropping any differently-cased spelling of it. */
  static void put(JsonObject o, String name, Object value) {
    remove(o, name);
    o.put(name, value);
  }

  static void remove(JsonObject o, String name) {
    String k;
    while ((k = find(o, name)) != null) {
      o.remove(k);
    }
  }
}
