package dev.scimbus.scim.filter;

import java.util.Locale;

/** The attribute operators of RFC 7644 §3.4.2.2 other than {@code pr}. */
public enum CompareOp {
  EQ, NE, CO, SW, EW, GT, GE, LT, LE;

  /** The operator as it appears in a filter: lower case. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Null when {@code s} is not an operator; matching ignores case. */
  public static CompareOp fromToken(String s) {
    for (CompareOp op : values()) {
      if (op.name().equalsIgnoreCase(s)) {
        return op;
      }
    }
    return null;
  }

  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /**
   * The relational symbol of {@code eq} and the ordering operators ({@code =}, {@code >},
   * {@code >=}, {@code <}, {@code <=}), as query translators write them; null for the others,
   * which have no symbol.
   */
  public String symbol() {
    return switch (this) {
      case EQ -> "=";
      case GT -> ">";
      case GE -> ">=";
      case LT -> "<";
      case LE -> "<=";
      default -> null;
    };
  }
}
