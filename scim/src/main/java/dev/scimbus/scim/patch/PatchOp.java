package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import java.util.Locale;

/** The three PATCH operations of RFC 7644 §3.5.2, read from the {@code op} member. */
public enum PatchOp {
  ADD, REPLACE, REMOVE;

  /** The name as the RFC writes it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads an {@code op} value; any case when {@link PatchOptions#caseInsensitiveOps()}, else only
   * the RFC's lower case. Anything else is 400 invalidSyntax naming the op.
   */
  public static PatchOp parse(String op, PatchOptions options) {
    if (op != null) {
      for (PatchOp p : values()) {
        if (p.wire().equals(op) || options.caseInsensitiveOps() && p.wire().equalsIgnoreCase(op)) {
          return p;
        }
      }
    }
    String hint = op != null && options.caseInsensitiveOps() == false && fromAnyCase(op)
        ? " (op names are lower case: 'add', 'replace' or 'remove')"
        : "; expected 'add', 'replace' or 'remove'";
    throw ScimError.invalidSyntax("Unknown PATCH op " + (op == null ? "null" : "'" + op + "'") + hint);
  }

  private static boolean fromAnyCase(String op) {
    for (PatchOp p : values()) {
      if (p.wire().equalsIgnoreCase(op)) {
        return true;
      }
    }
    return false;
  }
}
