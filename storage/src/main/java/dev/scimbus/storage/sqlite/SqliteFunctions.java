package dev.scimbus.storage.sqlite;

import dev.scimbus.scim.CaseFold;
import dev.scimbus.scim.filter.DateTimes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.sqlite.Function;
import org.sqlite.core.Codes;

/**
 * The two SQL functions every connection registers so that pushed-down filters and sorts give
 * exactly the results of the in-memory evaluator. SQLite's own {@code lower()} and
 * {@code NOCASE} fold ASCII only, while SCIM's case-insensitive strings follow Java's
 * {@code equalsIgnoreCase}/{@code compareToIgnoreCase} ("Ä" equals "ä"); and dateTimes written
 * with different offsets or precisions only compare as instants after normalization.
 *
 * <ul>
 *   <li>{@code scim_fold(text)}: each code point mapped to lower(upper(c)), the key Java's
 *       case-insensitive comparisons use.
 *   <li>{@code scim_instant(text)}: a fixed-width string whose order is the order of the instants
 *       (NULL when the text is not an xsd:dateTime).
 * </ul>
 */
final class SqliteFunctions {
  /** Shifts epoch seconds to non-negative, so fixed-width decimal strings sort like instants. */
  private static final long SECONDS_SHIFT = -Instant.MIN.getEpochSecond();

  private SqliteFunctions() {}

  static void register(Connection c) throws SQLException {
    Function.create(c, "scim_fold", new Function() {
      @Override
      protected void xFunc() throws SQLException {
        String s = value_text(0);
        if (s == null) {
          result();
        } else {
          result(fold(s));
        }
      }
    }, 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, "scim_instant", new Function() {
      @Override
      protected void xFunc() throws SQLException {
        String s = value_type(0) == Codes.SQLITE_TEXT ? value_text(0) : null;
        String key = s == null ? null : instantKey(s);
        if (key == null) {
          result();
        } else {
          result(key);
        }
      }
    }, 1, Function.FLAG_DETERMINISTIC);
  }

  /** The case-folding key shared with unique keys and the in-memory evaluator. */
  static String fold(String s) {
    return CaseFold.fold(s);
  }

  /** The sortable key of an xsd:dateTime (no offset means UTC), or null if {@code s} is not one. */
  static String instantKey(String s) {
    Instant i = DateTimes.parseOrNull(s);
    return i == null ? null : String.format("%020d.%09d", i.getEpochSecond() + SECONDS_SHIFT, i.getNano());
  }
}
