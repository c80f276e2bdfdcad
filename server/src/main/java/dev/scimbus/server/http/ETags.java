package dev.scimbus.server.http;

/** Entity-tag comparison for {@code If-None-Match} (RFC 9110 §13.1.2: weak comparison). */
final class ETags {
  private ETags() {}

  /** Whether an If-None-Match header value names the current entity tag, so 304 applies. */
  static boolean noneMatchHits(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    String current = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || opaque(c).equals(current)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    String t = tag.trim();
    return t.startsWith("W/") ? t.substring(2) : t;
  }
}
