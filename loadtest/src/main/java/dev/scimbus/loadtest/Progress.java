package dev.scimbus.loadtest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters for the once-a-second progress line. Shards on several event loops bump them,
 * hence adders; the phase label is written by the driver thread only.
 */
final class Progress {

  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final PrintStream out;
  private volatile String label = "prepare";
  private volatile long phaseStart = System.nanoTime();
  private long lastRequests;

  Progress(PrintStream out) {
    this.out = out;
  }

  void request() {
    requests.increment();
  }

  void error() {
    errors.increment();
  }

  void phase(String label) {
    this.label = label;
    this.phaseStart = System.nanoTime();
  }

  /** Called once a second from a timer; the delta since the previous call is the current rate. */
  void print() {
    if (out == null) {
      return;
    }
    long total = requests.sum();
    long delta = total - lastRequests;
    lastRequests = total;
    double elapsed = (System.nanoTime() - phaseStart) / 1e9;
    out.printf(Locale.ROOT, "[%s] %6.1fs  requests=%d  rps=%d  errors=%d%n",
        label, elapsed, total, delta, errors.sum());
  }
}
