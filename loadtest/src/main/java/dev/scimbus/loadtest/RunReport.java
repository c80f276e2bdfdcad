package dev.scimbus.loadtest;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one generator run: where it pointed, when it started, how it was configured and
 * one {@link ScenarioResult} per scenario in the order they ran. Its JSON form is the file
 * format that {@code --out} writes and the report tool reads.
 */
public record RunReport(String url, Instant startedAt, JsonObject config, Map<String, ScenarioResult> scenarios) {

  public RunReport {
    scenarios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
  }

  public JsonObject toJson() {
    JsonObject s = new JsonObject();
    scenarios.forEach((name, r) -> s.put(name, r.toJson()));
    return new JsonObject()
        .put("url", url)
        .put("startedAt", startedAt.toString())
        .put("scenarios", s)
        .put("config", config.copy());
  }

  /** The human summary printed to stdout. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s  (%s loop, started %s)%n", url,
        config.getString("mode"), startedAt));
    b.append(String.format(Locale.ROOT, "%-13s %10s %9s %9s %9s %9s %10s %7s %s%n",
        "scenario", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "requests", "errors", "statuses"));
    scenarios.forEach((name, r) -> b.append(String.format(Locale.ROOT,
        "%-13s %10.1f %9.3f %9.3f %9.3f %9.3f %10d %7d %s%s%n",
        name, r.throughput(), r.p50(), r.p95(), r.p99(), r.max(), r.requests(), r.errors(),
        new java.util.TreeMap<>(r.statusCounts()), r.unsent() > 0 ? "  unsent=" + r.unsent() : "")));
    scenarios.forEach((name, r) -> r.errorSamples().forEach(e ->
        b.append("  ").append(name).append(" error: ").append(e).append(System.lineSeparator())));
    return b.toString();
  }
}
