package dev.scimbus.loadtest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the short duration strings used on the command line ({@code 500ms}, {@code 30s},
 * {@code 2m}, {@code 1h}); a bare number means seconds, because that is what people type when
 * they think of a benchmark's length.
 */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration is missing");
    }
    Matcher m = FORMAT.matcher(text.trim().toLowerCase());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': expected a number with ms, s, m or h (e.g. 30s)");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      default -> throw new IllegalStateException(unit);
    };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Renders a duration the way {@link #parse} reads it, for the JSON config echo. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return (ms / 60_000) + "m";
    }
    if (ms % 1_000 == 0) {
      return (ms / 1_000) + "s";
    }
    return ms + "ms";
  }
}
