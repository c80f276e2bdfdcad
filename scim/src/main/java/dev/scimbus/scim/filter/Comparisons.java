package dev.scimbus.scim.filter;

import dev.scimbus.scim.schema.AttributeDefinition;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The typed comparisons behind {@code eq ne co sw ew gt ge lt le}: strings honour
 * {@code caseExact}, numbers compare numerically, dateTimes as instants, booleans by equality.
 * A multi-valued value matches when any of its values matches; {@code ne} is the negation of
 * {@code eq}, so it holds when no value equals the literal (also when there is no value at all).
 */
final class Comparisons {
  private Comparisons() {}

  /**
   * @param value the attribute's value as stored (scalar, object or array)
   * @param subKey the sub-attribute to compare in each complex value, or null
   * @param leaf the definition of what is compared (the sub-attribute when subKey is set)
   * @param lit a non-null literal
   * @param name the attribute as the client wrote it, for error messages
   */
  static boolean any(Object value, String subKey, AttributeDefinition leaf, CompareOp op, Object lit, Object name) {
    if (op == CompareOp.NE) {
      return !any(value, subKey, leaf, CompareOp.EQ, lit, name);
    }
    if (value == null || leaf == null) {
      return false;
    }
    if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (one(JsonValues.project(a.getValue(i), subKey), leaf, op, lit, name)) {
          return true;
        }
      }
      return false;
    }
    return one(JsonValues.project(value, subKey), leaf, op, lit, name);
  }

  private static boolean one(Object x, AttributeDefinition leaf, CompareOp op, Object lit, Object name) {
    if (x == null) {
      return false;
    }
    if (x instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (one(a.getValue(i), leaf, op, lit, name)) {
          return true;
        }
      }
      return false;
    }
    switch (leaf.type()) {
      case STRING, REFERENCE, BINARY:
        return x instanceof String s && lit instanceof String l && strings(s, l, op, leaf.caseInsensitiveString());
      case BOOLEAN:
        return op == CompareOp.EQ && x instanceof Boolean && x.equals(lit);
      case INTEGER, DECIMAL: {
        BigDecimal n = x instanceof Number num ? decimal(num) : null;
        return n != null && lit instanceof BigDecimal d && ordered(n.compareTo(d), op);
      }
      case DATE_TIME: {
        if (!(x instanceof String s) || !(lit instanceof String l)) {
          return false;
        }
        Instant literal = DateTimes.literal(l, name);
        Instant stored = DateTimes.parseOrNull(s);
        return stored != null && ordered(stored.compareTo(literal), op);
      }
      default:
        return false;
    }
  }

  private static boolean strings(String s, String l, CompareOp op, boolean ignoreCase) {
    switch (op) {
      case EQ:
        return ignoreCase ? s.equalsIgnoreCase(l) : s.equals(l);
      case CO:
        return contains(s, l, ignoreCase);
      case SW:
        return s.regionMatches(ignoreCase, 0, l, 0, l.length());
      case EW:
        return s.length() >= l.length() && s.regionMatches(ignoreCase, s.length() - l.length(), l, 0, l.length());
      default:
        return ordered(ignoreCase ? s.compareToIgnoreCase(l) : s.compareTo(l), op);
    }
  }

  private static boolean contains(String s, String l, boolean ignoreCase) {
    if (!ignoreCase) {
      return s.contains(l);
    }
    for (int i = 0, last = s.length() - l.length(); i <= last; i++) {
      if (s.regionMatches(true, i, l, 0, l.length())) {
        return true;
      }
    }
    return false;
  }

  /** EQ and the ordering operators over a comparison result; CO/SW/EW never hold for non-strings. */
  private static boolean ordered(int cmp, CompareOp op) {
    switch (op) {
      case EQ: return cmp == 0;
      case GT: return cmp > 0;
      case GE: return cmp >= 0;
      case LT: return cmp < 0;
      case LE: return cmp <= 0;
      default: return false;
    }
  }

  /** A JSON number as a BigDecimal; null for NaN or infinities, which JSON cannot carry anyway. */
  static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    double d = n.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }
}
