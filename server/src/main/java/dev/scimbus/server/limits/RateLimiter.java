package dev.scimbus.server.limits;

import dev.scimbus.server.config.LimitsConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-tenant token buckets: each tenant may send {@code burst} requests at once and
 * {@code ratePerSecond} sustained. Created once per node and shared by every HTTP verticle
 * instance, so the limit holds no matter which event loop a connection lands on. Thread-safe:
 * each bucket is updated under its own lock, tenants never contend with each other.
 */
public final class RateLimiter {
  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(LimitsConfig config) {
    this(config, System::nanoTime);
  }

  RateLimiter(LimitsConfig config, LongSupplier nanoTime) {
    this.ratePerNano = config.ratePerSecond() / TimeUnit.SECONDS.toNanos(1);
    this.capacity = config.effectiveBurst();
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request from the tenant's bucket.
   *
   * @return 0 when the request may proceed, else how many nanoseconds until it would
   */
  public long tryAcquire(String tenant) {
    Bucket b = buckets.computeIfAbsent(tenant, t -> new Bucket(capacity, nanoTime.getAsLong()));
    synchronized (b) {
      long now = nanoTime.getAsLong();
      b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * ratePerNano);
      b.updated = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - b.tokens) / ratePerNano);
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
