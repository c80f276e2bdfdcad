package dev.scimbus.scim.filter;

import dev.scimbus.scim.ScimError;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses xsd:dateTime values (RFC 7643 §2.3.5) into instants; no offset means UTC. The one reading
 * of a dateTime in scimbus: the in-memory evaluator and the SQL backends all parse with it, so a
 * pushed-down comparison and an in-memory one agree on every literal.
 */
public final class DateTimes {
  private DateTimes() {}

  /** The instant, or null when {@code s} is not a dateTime (bad stored data must not fail a query). */
  public static Instant parseOrNull(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** A dateTime written in a filter; a malformed one is the client's error. */
  static Instant literal(String s, Object attribute) {
    Instant i = parseOrNull(s);
    if (i == null) {
      throw ScimError.invalidFilter("\"" + s + "\" is not a dateTime, so it cannot be compared with dateTime attribute '"
          + attribute + "'; write it like \"2011-05-13T04:42:34Z\"");
    }
    return i;
  }
}
