package dev.scimbus.storage;

/**
 * Entity tags of resources: {@code W/"<version>"}. If-Match is compared weakly (RFC 7232
 * §2.3.2), so {@code W/"3"} and {@code "3"} both match version 3; {@code *} matches any existing
 * resource; a comma-separated list matches when any entry does.
 */
final class ETags {
  private ETags() {}

  static String of(long version) {
    return "W/\"" + version + "\"";
  }

  /** True when the request names a specific version (not absent, not {@code *}). */
  static boolean isSpecific(String ifMatch) {
    return ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*");
  }

  static boolean matches(String ifMatch, long version) {
    if (!isSpecific(ifMatch)) {
      return true;
    }
    for (String tag : ifMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/") || t.startsWith("w/")) {
        t = t.substring(2);
      }
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      if (t.equals(Long.toString(version))) {
        return true;
      }
    }
    return false;
  }
}
