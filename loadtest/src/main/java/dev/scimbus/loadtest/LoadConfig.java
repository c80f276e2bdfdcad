package dev.scimbus.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run of the generator needs, already validated. {@code rate == 0} means closed
 * loop; a positive rate means open loop with {@code concurrency} as the in-flight cap.
 */
public record LoadConfig(
    URI url,
    List<Tenant> tenants,
    List<ScenarioKind> scenarios,
    Duration duration,
    Duration warmup,
    int concurrency,
    double rate,
    int users,
    boolean progress) {

  public LoadConfig {
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("at least one token is needed (--token or --tenants-tokens)");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must not be negative");
    }
    if (users < 1) {
      throw new IllegalArgumentException("--users must be at least 1");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    tenants = List.copyOf(tenants);
    scenarios = List.copyOf(scenarios);
    String s = url.toString();
    if (s.endsWith("/")) {
      url = URI.create(s.substring(0, s.length() - 1));
    }
  }

  public boolean openLoop() {
    return rate > 0;
  }

  /** The tenant single-tenant scenarios use: the one named by {@code --token}, else the first listed. */
  public Tenant primaryTenant() {
    return tenants.get(0);
  }

  /** Echoed into the result file so a number can always be traced to how it was produced (tokens left out). */
  public JsonObject toJson() {
    JsonArray tenantNames = new JsonArray();
    tenants.forEach(t -> tenantNames.add(t.name()));
    JsonArray kinds = new JsonArray();
    scenarios.forEach(k -> kinds.add(k.id()));
    return new JsonObject()
        .put("scenarios", kinds)
        .put("mode", openLoop() ? "open" : "closed")
        .put("duration", Durations.format(duration))
        .put("warmup", Durations.format(warmup))
        .put("concurrency", concurrency)
        .put("rate", openLoop() ? rate : null)
        .put("users", users)
        .put("tenants", tenantNames)
        .put("cpus", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"));
  }
}
