package dev.scimbus.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured outcome of one scenario: throughput in operations per second over the measured
 * window, latency percentiles in milliseconds (microsecond resolution), and what the server
 * answered. {@code unsent} and {@code queueDelayP99} are only meaningful in open-loop mode.
 */
public record ScenarioResult(
    String name,
    double throughput,
    double p50,
    double p95,
    double p99,
    double max,
    long operations,
    long requests,
    Map<String, Long> statusCounts,
    long errors,
    List<String> errorSamples,
    long unsent,
    double queueDelayP99) {

  static ScenarioResult of(String name, Tally t, double seconds) {
    Map<String, Long> statuses = new LinkedHashMap<>();
    t.statusCounts.forEach((k, v) -> statuses.put(String.valueOf(k), v));
    Histogram h = t.latency;
    return new ScenarioResult(
        name,
        round(t.operations / seconds),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()),
        t.operations,
        t.requests,
        Map.copyOf(statuses),
        t.errors,
        List.copyOf(t.errorSamples),
        t.unsent,
        ms(t.queueDelay.getValueAtPercentile(99)));
  }

  public JsonObject toJson() {
    JsonObject statuses = new JsonObject();
    statusCounts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> statuses.put(e.getKey(), e.getValue()));
    return new JsonObject()
        .put("throughput", throughput)
        .put("p50", p50)
        .put("p95", p95)
        .put("p99", p99)
        .put("max", max)
        .put("operations", operations)
        .put("requests", requests)
        .put("statusCounts", statuses)
        .put("errors", errors)
        .put("errorSamples", new JsonArray(errorSamples))
        .put("unsent", unsent)
        .put("queueDelayP99", queueDelayP99);
  }

  /** Histogram values are microseconds; reports are in milliseconds with three decimals. */
  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
