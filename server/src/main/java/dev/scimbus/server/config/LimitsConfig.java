package dev.scimbus.server.config;

/**
 * Per-tenant request rate limit: a token bucket refilled at {@code ratePerSecond} that holds at
 * most {@code burst} requests. A rate of 0 turns limiting off.
 *
 * @param ratePerSecond sustained requests per second and tenant; 0 = unlimited
 * @param burst how many requests a tenant may send at once after being idle
 */
public record LimitsConfig(double ratePerSecond, int burst) {
  public static LimitsConfig defaults() {
    return new LimitsConfig(0, 0);
  }

  public boolean enabled() {
    return ratePerSecond > 0;
  }

  /** The bucket size actually used: at least one request, and at least one second's worth when unset. */
  public int effectiveBurst() {
    return burst > 0 ? burst : (int) Math.max(1, Math.ceil(ratePerSecond));
  }
}
