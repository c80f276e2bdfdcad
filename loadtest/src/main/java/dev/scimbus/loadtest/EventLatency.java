package dev.scimbus.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Change-event benchmark: starts a scimbus server (memory backend) as a child JVM, opens N SSE
 * subscriptions to {@code /scim/v2/Events}, measures the server's heap per idle subscriber (heap
 * used after a full GC, through {@code jcmd GC.run} and {@code GC.heap_info}, minus the same with
 * no subscriber, divided by N), then POSTs M users at a fixed rate and records, for every event at
 * every subscriber, the time from just before the POST was sent to the arrival of the event's
 * {@code data:} line (both read from this JVM's {@code System.nanoTime}).
 */
@Command(name = "event-latency", mixinStandardHelpOptions = true,
    description = "Write-to-subscriber latency and memory per subscriber of GET /scim/v2/Events.")
public final class EventLatency implements Callable<Integer> {
  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern USER_NAME = Pattern.compile("\"userName\":\"([^\"]+)\"");

  @Option(names = "--server-jar", defaultValue = "server/target/scimbus.jar", description = "The scimbus server jar")
  Path serverJar;

  @Option(names = "--subscribers", defaultValue = "100", description = "SSE subscriptions (default: ${DEFAULT-VALUE})")
  int subscribers;

  @Option(names = "--writes", defaultValue = "300", description = "Measured creates (default: ${DEFAULT-VALUE})")
  int writes;

  @Option(names = "--warmup-writes", defaultValue = "500", description = "Creates before measuring (default: ${DEFAULT-VALUE})")
  int warmupWrites;

  @Option(names = "--rate", defaultValue = "20", description = "Creates per second (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--heap", defaultValue = "512m", description = "Server -Xmx (default: ${DEFAULT-VALUE})")
  String heap;

  private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private volatile boolean measuring;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EventLatency()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int port = freePort();
    Path data = Files.createTempDirectory("scimbus-bench");
    Process server = startServer(port, data);
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
          new PoolOptions().setHttp1MaxSize(subscribers + 16));
      awaitReady(http);
      long baseline = heapUsedAfterGc(server.pid());
      List<long[]> counts = subscribe(http);
      long withSubscribers = heapUsedAfterGc(server.pid());
      double perSubscriberKiB = (withSubscribers - baseline) / (double) subscribers;

      // Warms the server's JIT at a higher rate; these events are counted but not measured.
      create(vertx, http, "warm", warmupWrites, rate * 5);
      awaitDeliveries(counts, warmupWrites);
      measuring = true;
      long started = System.nanoTime();
      create(vertx, http, "user", writes, rate);
      awaitDeliveries(counts, warmupWrites + writes);
      double seconds = (System.nanoTime() - started) / 1e9;

      System.out.printf("subscribers=%d writes=%d rate=%d/s deliveries=%d in %.1f s%n", subscribers, writes, rate,
          latency.getTotalCount(), seconds);
      System.out.printf("latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n", ms(50), ms(90), ms(99),
          latency.getMaxValue() / 1000.0);
      System.out.printf("server heap after GC: baseline=%d KiB, with %d idle subscribers=%d KiB, per subscriber=%.1f KiB%n",
          baseline, subscribers, withSubscribers, perSubscriberKiB);
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private double ms(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1000.0;
  }

  private Process startServer(int port, Path data) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("java", "-Xmx" + heap, "-XX:+UseG1GC", "-jar", serverJar.toString(), "serve");
    Map<String, String> env = pb.environment();
    env.put("SCIMBUS_STORAGE", "memory:");
    env.put("SCIMBUS_HTTP_PORT", Integer.toString(port));
    env.put("SCIMBUS_HTTP_HOST", "127.0.0.1");
    env.put("SCIMBUS_AUTH_TOKENS", "bench=" + TOKEN);
    env.put("SCIMBUS_DATA_DIR", data.toString());
    pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
    return pb.start();
  }

  private void awaitReady(HttpClient http) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        int status = http.request(HttpMethod.GET, "/ready").compose(r -> r.send()).map(r -> r.statusCode())
            .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        if (status == 200) {
          return;
        }
      } catch (Exception notYet) {
        // the server is still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not become ready within 60 s");
  }

  /** Opens every subscription; returns each one's event counter. */
  private List<long[]> subscribe(HttpClient http) throws Exception {
    List<long[]> counts = new ArrayList<>();
    List<Future<?>> opened = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      long[] count = new long[1];
      counts.add(count);
      SseLines lines = new SseLines(this, count);
      RequestOptions options = new RequestOptions().setURI("/scim/v2/Events").putHeader("Accept", "text/event-stream")
          .putHeader("Authorization", "Bearer " + TOKEN);
      opened.add(http.request(options).compose(req -> req.send()).map(resp -> resp.handler(lines::onChunk)));
    }
    Future.all(opened).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return counts;
  }

  /** POSTs {@code n} users at the configured rate (open loop: a slow answer does not delay the next). */
  private void create(Vertx vertx, HttpClient http, String prefix, int n, int perSecond) throws Exception {
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long start = System.nanoTime();
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String userName = prefix + i;
      JsonObject body = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User")).put("userName", userName);
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/scim/v2/Users")
          .putHeader("Content-Type", "application/scim+json").putHeader("Authorization", "Bearer " + TOKEN);
      sentAt.put(userName, System.nanoTime());
      sent.add(http.request(options).compose(req -> req.send(body.toBuffer())).map(r -> r.statusCode()));
    }
    Future.all(sent).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static void awaitDeliveries(List<long[]> counts, long expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      boolean all = true;
      for (long[] c : counts) {
        synchronized (c) {
          all &= c[0] >= expected;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("not every subscriber received " + expected + " events within 300 s");
  }

  void onEvent(String data, long[] count) {
    long now = System.nanoTime();
    synchronized (count) {
      count[0]++;
    }
    if (!measuring) {
      return;
    }
    Matcher m = USER_NAME.matcher(data);
    if (m.find()) {
      Long sent = sentAt.get(m.group(1));
      if (sent != null) {
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sent)));
      }
    }
  }

  /** Heap used after a full GC of the server process, in KiB, as {@code jcmd GC.heap_info} reports it. */
  static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info output: " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Splits one subscription's chunks into lines; every {@code data:} line is one event. */
  private static final class SseLines {
    private final EventLatency bench;
    private final long[] count;
    private final StringBuilder pending = new StringBuilder();

    SseLines(EventLatency bench, long[] count) {
      this.bench = bench;
      this.count = count;
    }

    // One connection's chunks arrive on one event loop, in order.
    void onChunk(Buffer chunk) {
      pending.append(chunk.toString());
      int nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        String line = pending.substring(0, nl);
        pending.delete(0, nl + 1);
        if (line.startsWith("data:")) {
          bench.onEvent(line, count);
        }
      }
    }
  }
}
