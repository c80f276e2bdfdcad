package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.schema.AttributeDefinition;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Locale;

/** TEMPORARY stand-in for FilterEvaluator.matchesElement until the filter branch provides it. */
final class InterimMatcher {
  private InterimMatcher() {}

  static boolean matches(AttributeDefinition attr, JsonObject e, Filter f) {
    if (f instanceof Filter.And a) {
      return matches(attr, e, a.left()) && matches(attr, e, a.right());
    }
    if (f instanceof Filter.Or o) {
      return matches(attr, e, o.left()) || matches(attr, e, o.right());
    }
    if (f instanceof Filter.Not n) {
      return !matches(attr, e, n.inner());
    }
    if (f instanceof Filter.Present p) {
      Object v = JsonKeys.get(e, p.path().attribute());
      return v != null && !(v instanceof String s && s.isEmpty());
    }
    if (f instanceof Filter.Compare c) {
      AttributeDefinition sub = attr.subAttribute(c.path().attribute()).orElse(null);
      Object v = JsonKeys.get(e, c.path().attribute());
      Object lit = c.value() instanceof BigDecimal d ? d : c.value();
      return switch (c.op()) {
        case EQ -> Elements.same(sub, v, lit);
        case NE -> !Elements.same(sub, v, lit);
        case CO, SW, EW -> v instanceof String s && lit instanceof String l && str(sub, s, l, c.op().token());
        default -> throw ScimError.invalidFilter("interim matcher: " + c.op());
      };
    }
    return false;
  }

  private static boolean str(AttributeDefinition sub, String s, String l, String op) {
    if (sub == null || sub.caseInsensitiveString()) {
      s = s.toLowerCase(Locale.ROOT);
      l = l.toLowerCase(Locale.ROOT);
    }
    return switch (op) {
      case "co" -> s.contains(l);
      case "sw" -> s.startsWith(l);
      default -> s.endsWith(l);
    };
  }
}
