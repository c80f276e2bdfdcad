package dev.scimbus.scim;

/**
 * The one case-folding key of scimbus: each code point mapped to lower(upper(c)), which is what
 * Java's {@code equalsIgnoreCase}/{@code compareToIgnoreCase} compare. Unique keys, SQL
 * translations and the in-memory evaluator all use it, so "equal ignoring case" means the same
 * thing in a uniqueness check, an index look-up and a filter.
 */
public final class CaseFold {
  private CaseFold() {}

  public static String fold(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int folded = Character.toLowerCase(Character.toUpperCase(cp));
      if (folded != cp && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.appendCodePoint(folded);
      }
      i += Character.charCount(cp);
    }
    return sb == null ? s : sb.toString();
  }
}
