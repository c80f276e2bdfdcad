package dev.scimbus.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.config.LimitsConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong(1_000);

  @Test
  void burstThenSustainedRatePerTenant() {
    RateLimiter limiter = new RateLimiter(new LimitsConfig(2, 3), now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isZero();
    }
    long wait = limiter.tryAcquire("a");
    assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(limiter.tryAcquire("b")).isZero();

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  void idleTimeNeverFillsTheBucketBeyondTheBurst() {
    RateLimiter limiter = new RateLimiter(new LimitsConfig(1, 2), now::get);
    limiter.tryAcquire("a");
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  void withoutBurstTheBucketHoldsOneSecondOfRequests() {
    RateLimiter limiter = new RateLimiter(new LimitsConfig(2.5, 0), now::get);
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
  }
}
