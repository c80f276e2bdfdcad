package dev.scimbus.storage.postgres;

import java.util.regex.Pattern;

/**
 * Where a value sits inside a {@code jsonb} expression: a key of an object ({@code base -> 'key'})
 * or the whole expression (an array element). Keys come from the schema registry, never from a
 * request, and are checked against a conservative pattern before they become SQL literals: they
 * must be literals (not bind parameters) for the planner to match the expression indexes.
 */
record JsonLocation(String base, String key) {
  private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_$:.\\-]+");

  static JsonLocation whole(String expression) {
    return new JsonLocation(expression, null);
  }

  static boolean safeKey(String key) {
    return SAFE_KEY.matcher(key).matches();
  }

  /** The child under {@code childKey} of this location. */
  JsonLocation child(String childKey) {
    return new JsonLocation(jsonb(), childKey);
  }

  /** The value as jsonb. */
  String jsonb() {
    return key == null ? base : base + " -> " + literal(key);
  }

  /** The value as text: a JSON string's content, or the JSON text of anything else; NULL for JSON null. */
  String text() {
    return key == null ? "(" + base + " #>> '{}')" : base + " ->> " + literal(key);
  }

  private static String literal(String key) {
    if (!safeKey(key)) {
      throw new IllegalArgumentException("unsafe JSON key " + key);
    }
    return "'" + key + "'";
  }
}
