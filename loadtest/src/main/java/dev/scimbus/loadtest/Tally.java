package dev.scimbus.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one shard observed during one phase of one scenario. A tally is only ever touched from
 * its shard's event loop, so it needs no synchronisation; shards' tallies are merged once the
 * phase is over.
 */
final class Tally {

  static final int MAX_ERROR_SAMPLES = 10;
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
  final Histogram queueDelay = new Histogram(HIGHEST_MICROS, 3);
  final Map<Integer, Long> statusCounts = new TreeMap<>();
  final List<String> errorSamples = new ArrayList<>();
  long operations;
  long requests;
  long errors;
  long unsent;

  void response(int status) {
    requests++;
    statusCounts.merge(status, 1L, Long::sum);
  }

  void operation(long latencyNanos, Throwable failure) {
    operations++;
    latency.recordValue(clampMicros(latencyNanos));
    if (failure != null) {
      errors++;
      String sample = describe(failure);
      if (errorSamples.size() < MAX_ERROR_SAMPLES && !errorSamples.contains(sample)) {
        errorSamples.add(sample);
      }
    }
  }

  void queued(long delayNanos) {
    queueDelay.recordValue(clampMicros(delayNanos));
  }

  void merge(Tally other) {
    latency.add(other.latency);
    queueDelay.add(other.queueDelay);
    other.statusCounts.forEach((k, v) -> statusCounts.merge(k, v, Long::sum));
    for (String s : other.errorSamples) {
      if (errorSamples.size() < MAX_ERROR_SAMPLES && !errorSamples.contains(s)) {
        errorSamples.add(s);
      }
    }
    operations += other.operations;
    requests += other.requests;
    errors += other.errors;
    unsent += other.unsent;
  }

  private static long clampMicros(long nanos) {
    return Math.max(0, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null ? t.getClass().getSimpleName() : msg;
  }
}
