package dev.scimbus.scim.filter;

import java.math.BigDecimal;

/** Prints a filter so that parsing the text gives back an equal tree. */
final class FilterPrinter {
  private FilterPrinter() {}

  // Java 17 has no pattern matching in switch; the hierarchy is sealed, so these checks are total.
  // Parentheses are printed only where precedence (not > and > or) and left associativity need
  // them, so printing never nests deeper than the text the tree was parsed from (see maxDepth).
  static String print(Filter f) {
    StringBuilder sb = new StringBuilder();
    print(f, sb);
    return sb.toString();
  }

  private static void print(Filter f, StringBuilder sb) {
    if (f instanceof Filter.Not n) {
      sb.append("not (");
      print(n.inner(), sb);
      sb.append(')');
    } else if (f instanceof Filter.And a) {
      operand(a.left(), a.left() instanceof Filter.Or, sb);
      sb.append(" and ");
      operand(a.right(), a.right() instanceof Filter.Or || a.right() instanceof Filter.And, sb);
    } else if (f instanceof Filter.Or o) {
      print(o.left(), sb);
      sb.append(" or ");
      operand(o.right(), o.right() instanceof Filter.Or, sb);
    } else if (f instanceof Filter.ValuePath v) {
      sb.append(v.attribute()).append('[');
      print(v.filter(), sb);
      sb.append(']');
    } else {
      sb.append(f);
    }
  }

  private static void operand(Filter f, boolean parenthesise, StringBuilder sb) {
    if (parenthesise) {
      sb.append('(');
      print(f, sb);
      sb.append(')');
    } else {
      print(f, sb);
    }
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
