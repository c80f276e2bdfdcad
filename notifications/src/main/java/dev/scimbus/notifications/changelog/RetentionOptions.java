package dev.scimbus.notifications.changelog;

import java.time.Duration;
import java.time.Instant;

/**
 * How long each tenant's change log is kept: rows older than {@code maxAge} and rows beyond the
 * newest {@code maxRows} are pruned every {@code interval}. A zero {@code maxAge} or
 * {@code maxRows} switches that limit off; with both off nothing is ever pruned.
 */
public record RetentionOptions(Duration maxAge, long maxRows, Duration interval) {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
  public static final long DEFAULT_MAX_ROWS = 1_000_000;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  public RetentionOptions {
    if (maxAge.isNegative() || maxRows < 0 || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("retention needs maxAge >= 0, maxRows >= 0 and a positive interval");
    }
  }

  public static RetentionOptions defaults() {
    return new RetentionOptions(DEFAULT_MAX_AGE, DEFAULT_MAX_ROWS, DEFAULT_INTERVAL);
  }

  /** Whether any limit is on. */
  public boolean enabled() {
    return !maxAge.isZero() || maxRows > 0;
  }

  /** The commit time before which rows go, for a run at {@code now}. */
  public Instant cutoff(Instant now) {
    return maxAge.isZero() ? Instant.EPOCH : now.minus(maxAge);
  }

  /** The row count the provider is asked to keep at most. */
  public long rowLimit() {
    return maxRows == 0 ? Long.MAX_VALUE : maxRows;
  }
}
