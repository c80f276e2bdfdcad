package dev.scimbus.scim.filter;

import java.math.BigDecimal;

/** Prints a filter so that parsing the text gives back an equal tree. */
final class FilterPrinter {
  private FilterPrinter() {}

  // Java 17 has no pattern matching in switch; the hierarchy is sealed, so these checks are total.
  static String print(Filter f) {
    if (f instanceof Filter.Not n) {
      return "not (" + print(n.inner()) + ")";
    }
    if (f instanceof Filter.And a) {
      return operand(a.left()) + " and " + operand(a.right());
    }
    if (f instanceof Filter.Or o) {
      return operand(o.left()) + " or " + operand(o.right());
    }
    return f.toString();
  }

  /** Parenthesises every nested logical expression, so the printed tree is unambiguous. */
  private static String operand(Filter f) {
    return f instanceof Filter.And || f instanceof Filter.Or ? "(" + print(f) + ")" : print(f);
  }

  static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toString();
    }
    String s = (String) value;
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
