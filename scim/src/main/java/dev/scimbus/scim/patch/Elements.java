package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.schema.AttributeDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * Rules for the elements of multi-valued complex attributes: one {@code primary} at most
 * (RFC 7643 §2.4), building the element a filter describes, and matching elements by value.
 */
final class Elements {
  private Elements() {}

  /**
   * After {@code touched} elements of {@code values} were added or changed: two of them primary
   * is the client's contradiction (400 invalidValue); one primary clears {@code primary} on all
   * others, which RFC 7643 §2.4 lets the server do.
   */
  static void onePrimary(AttributeDefinition attr, JsonArray values, List<JsonObject> touched, String where) {
    if (attr.subAttribute("primary").isEmpty()) {
      return;
    }
    JsonObject primary = null;
    for (JsonObject e : touched) {
      if (isPrimary(e)) {
        if (primary != null && primary != e) {
          throw ScimError.invalidValue("At most one value of '" + where + "' may be primary; two are");
        }
        primary = e;
      }
    }
    if (primary == null) {
      return;
    }
    for (Object o : values) {
      if (o instanceof JsonObject e && e != primary && isPrimary(e)) {
        JsonKeys.remove(e, "primary");
      }
    }
  }

  private static boolean isPrimary(JsonObject e) {
    return Boolean.TRUE.equals(JsonKeys.get(e, "primary"));
  }

  /**
   * The element a value filter describes through its {@code eq} comparisons, e.g. {@code {type:
   * work}} for {@code type eq "work"}; null when the filter says more than that (or, not, other
   * operators), since then no single element follows from it.
   */
  static JsonObject fromFilter(Filter f) {
    JsonObject out = new JsonObject();
    return collect(f, out) ? out : null;
  }

  private static boolean collect(Filter f, JsonObject out) {
    if (f instanceof Filter.And and) {
      return collect(and.left(), out) && collect(and.right(), out);
    }
    if (f instanceof Filter.Compare c && c.op() == CompareOp.EQ && c.value() != null) {
      Object v = c.value() instanceof BigDecimal d ? number(d) : c.value();
      out.put(c.path().attribute(), v);
      return true;
    }
    return false;
  }

  private static Number number(BigDecimal d) {
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return d;
    }
  }

  /** True when every sub-attribute {@code pattern} gives has the same value in {@code element}. */
  static boolean matches(AttributeDefinition attr, JsonObject element, JsonObject pattern) {
    for (String key : pattern.fieldNames()) {
      AttributeDefinition sub = attr.subAttribute(key).orElse(null);
      if (!same(sub, pattern.getValue(key), JsonKeys.get(element, key))) {
        return false;
      }
    }
    return true;
  }

  /** SCIM equality: case-insensitive for strings unless caseExact, numeric for numbers. */
  static boolean same(AttributeDefinition def, Object a, Object b) {
    if (a instanceof String s && b instanceof String t && def != null && def.caseInsensitiveString()) {
      return s.equalsIgnoreCase(t);
    }
    if (a instanceof Number x && b instanceof Number y) {
      try {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
      } catch (NumberFormatException e) {
        return x.equals(y);
      }
    }
    return a == null ? b == null : a.equals(b);
  }
}
