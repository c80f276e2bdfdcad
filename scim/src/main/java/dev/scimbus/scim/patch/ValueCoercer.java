package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.Mutability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Checks a PATCH value against an attribute definition and brings it to its stored form: JSON
 * types per RFC 7643 §2.3, a single value wrapped for a multi-valued attribute, sub-attribute
 * names in the schema's spelling, and the string-boolean and manager-as-string quirks. Canonical
 * values (e.g. {@code emails.type} work/home/other) are deliberately not enforced: identity
 * providers send custom types and RFC 7643 §2.3.1 lets servers accept them.
 */
final class ValueCoercer {
  private final PatchOptions options;

  ValueCoercer(PatchOptions options) {
    this.options = options;
  }

  /** The whole value of {@code def}: a JsonArray for a multi-valued attribute. */
  Object whole(AttributeDefinition def, Object raw, String where) {
    raw = wrap(raw);
    if (!def.multiValued()) {
      if (raw instanceof JsonArray) {
        throw ScimError.invalidValue("'" + where + "' is single-valued; got an array");
      }
      return one(def, raw, where);
    }
    JsonArray in = raw instanceof JsonArray a ? a : new JsonArray().add(raw);
    JsonArray out = new JsonArray();
    for (int i = 0; i < in.size(); i++) {
      Object v = in.getValue(i);
      if (v == null) {
        throw ScimError.invalidValue("'" + where + "' value " + i + " is null");
      }
      out.add(one(def, v, where));
    }
    return out;
  }

  /** One value of {@code def} (one element when multi-valued). */
  Object one(AttributeDefinition def, Object raw, String where) {
    raw = wrap(raw);
    if (raw == null) {
      throw ScimError.invalidValue("'" + where + "' must not be null here");
    }
    return switch (def.type()) {
      case STRING, REFERENCE, BINARY -> string(def, raw, where);
      case BOOLEAN -> bool(raw, where);
      case INTEGER -> integer(raw, where);
      case DECIMAL -> decimal(raw, where);
      case DATE_TIME -> dateTime(raw, where);
      case COMPLEX -> complex(def, raw, where);
    };
  }

  /** The complex value of {@code def} with sub-attribute names normalized and values checked. */
  JsonObject complex(AttributeDefinition def, Object raw, String where) {
    raw = wrap(raw);
    if (raw instanceof String s && options.managerAsString() && !def.multiValued() && def.subAttribute("value").isPresent()) {
      raw = new JsonObject().put("value", s);
    }
    if (!(raw instanceof JsonObject in)) {
      throw ScimError.invalidValue("'" + where + "' is complex and needs an object of sub-attributes; got " + describe(raw));
    }
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : in) {
      AttributeDefinition sub = def.subAttribute(e.getKey()).orElseThrow(() -> ScimError.invalidValue(
          "'" + e.getKey() + "' is not a sub-attribute of '" + where + "'; known: " + names(def.subAttributes())));
      spell(e.getKey(), sub.name(), where, ScimType.invalidValue);
      // The server owns read-only sub-attributes (members.display, manager.displayName): a client's
      // copy is dropped rather than stored, as PUT does (RFC 7643 §2.2).
      if (e.getValue() == null || sub.mutability() == Mutability.READ_ONLY) {
        continue;
      }
      out.put(sub.name(), whole(sub, e.getValue(), where + "." + sub.name()));
    }
    return out;
  }

  /** Throws unless names may differ in case or {@code given} is spelled as the schema spells it. */
  void spell(String given, String schemaName, String where, ScimType type) {
    if (!options.caseInsensitiveAttributeNames() && !given.equals(schemaName)) {
      throw new ScimError(400, type, "Attribute '" + given + "' in '" + where + "' must be spelled '" + schemaName + "'");
    }
  }

  private static String string(AttributeDefinition def, Object raw, String where) {
    if (raw instanceof String s) {
      return s;
    }
    throw ScimError.invalidValue("'" + where + "' is of type " + def.type().wire() + " and needs a string; got " + describe(raw));
  }

  private Boolean bool(Object raw, String where) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && options.booleanStrings()) {
      if (s.trim().equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.trim().equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    throw ScimError.invalidValue("'" + where + "' is boolean and needs true or false; got " + describe(raw));
  }

  private static Number integer(Object raw, String where) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return (Number) raw;
    }
    if (raw instanceof Number n) {
      try {
        BigInteger big = new BigDecimal(n.toString()).toBigIntegerExact();
        if (big.bitLength() < 64) {
          return big.longValue();
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw ScimError.invalidValue("'" + where + "' is an integer; got " + describe(raw));
  }

  private static Number decimal(Object raw, String where) {
    if (raw instanceof Number n && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))
        && !(raw instanceof Float f && (f.isNaN() || f.isInfinite()))) {
      return n;
    }
    throw ScimError.invalidValue("'" + where + "' is a decimal number; got " + describe(raw));
  }

  private static String dateTime(Object raw, String where) {
    if (raw instanceof String s) {
      try {
        OffsetDateTime.parse(s);
        return s;
      } catch (DateTimeParseException e) {
        try {
          LocalDateTime.parse(s);
          return s;
        } catch (DateTimeParseException e2) {
          // falls through to the error below
        }
      }
    }
    throw ScimError.invalidValue("'" + where + "' is a dateTime and needs an xsd:dateTime string such as "
        + "2024-05-01T12:00:00Z; got " + describe(raw));
  }

  /** Vert.x hands out Map/List when a JsonObject was built from plain collections. */
  @SuppressWarnings("unchecked")
  static Object wrap(Object raw) {
    if (raw instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    if (raw instanceof List<?> l) {
      return new JsonArray(l);
    }
    return raw;
  }

  static String describe(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (raw instanceof JsonObject) {
      return "an object";
    }
    if (raw instanceof JsonArray) {
      return "an array";
    }
    if (raw instanceof Boolean || raw instanceof Number) {
      return raw.getClass().getSimpleName().toLowerCase() + " " + raw;
    }
    return "a " + raw.getClass().getSimpleName();
  }

  static String names(List<AttributeDefinition> defs) {
    return String.join(", ", defs.stream().map(AttributeDefinition::name).toList());
  }
}
