package dev.scimbus.scim.validation;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.AttributeDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Checks and coerces one simple (non-complex) value against its attribute type. Kept apart from
 * the tree walk so the type rules of RFC 7643 §2.3 read in one place.
 */
final class ValueChecker {
  private ValueChecker() {}

  /** The value to store, possibly coerced ("True" to true, 3.0 to 3); throws invalidValue. */
  static Object simple(AttributeDefinition def, Object raw, Object path, ValidationOptions options) {
    return switch (def.type()) {
      case STRING, REFERENCE -> string(def, raw, path);
      case BOOLEAN -> bool(raw, path, options);
      case INTEGER -> integer(raw, path);
      case DECIMAL -> decimal(raw, path);
      case DATE_TIME -> dateTime(raw, path);
      case BINARY -> binary(raw, path);
      case COMPLEX -> throw new IllegalStateException("complex attribute '" + path + "' reached the simple checker");
    };
  }

  private static Object string(AttributeDefinition def, Object raw, Object path) {
    if (raw instanceof String) {
      return raw;
    }
    throw wrongType(path, def.type().wire().equals("reference") ? "a string (a reference)" : "a string", raw);
  }

  private static Object bool(Object raw, Object path, ValidationOptions options) {
    if (raw instanceof Boolean) {
      return raw;
    }
    // Entra ID sends "True"/"False" for active; accepting them is the documented opt-out.
    if (options.booleanStrings() && raw instanceof String s) {
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    throw wrongType(path, "a boolean (true or false)", raw);
  }

  private static Object integer(Object raw, Object path) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
        || raw instanceof BigInteger) {
      return raw;
    }
    if (raw instanceof Number n) {
      BigDecimal d = finite(n, path);
      if (d != null && d.stripTrailingZeros().scale() <= 0) {
        BigInteger i = d.toBigIntegerExact();
        return i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
    }
    throw wrongType(path, "an integer", raw);
  }

  private static Object decimal(Object raw, Object path) {
    if (raw instanceof Number n && finite(n, path) != null) {
      return raw;
    }
    throw wrongType(path, "a number", raw);
  }

  private static BigDecimal finite(Number n, Object path) {
    if (n instanceof Double d && (d.isNaN() || d.isInfinite())
        || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
      return null;
    }
    try {
      return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object dateTime(Object raw, Object path) {
    if (raw instanceof String s) {
      try {
        // ISO_DATE_TIME takes RFC 3339 and the offset-less form xsd:dateTime allows.
        DateTimeFormatter.ISO_DATE_TIME.parse(s);
        return s;
      } catch (DateTimeParseException e) {
        throw ScimError.invalidValue("Attribute '" + path + "' must be a dateTime like 2011-05-13T04:42:34Z, got '"
            + abbreviate(s) + "'");
      }
    }
    throw wrongType(path, "a dateTime string like 2011-05-13T04:42:34Z", raw);
  }

  private static Object binary(Object raw, Object path) {
    if (raw instanceof String s) {
      try {
        // Certificates are often pasted with line breaks; whitespace is not data.
        Base64.getDecoder().decode(s.replaceAll("\\s+", ""));
        return s;
      } catch (IllegalArgumentException e) {
        throw ScimError.invalidValue("Attribute '" + path + "' must be base64-encoded binary: " + e.getMessage());
      }
    }
    throw wrongType(path, "a base64 string", raw);
  }

  static ScimError wrongType(Object path, String expected, Object raw) {
    return ScimError.invalidValue("Attribute '" + path + "' must be " + expected + ", got " + jsonType(raw));
  }

  static String jsonType(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "string '" + abbreviate(s) + "'";
    }
    if (v instanceof Boolean) {
      return "boolean " + v;
    }
    if (v instanceof Number) {
      return "number " + v;
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    return v.getClass().getSimpleName();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
