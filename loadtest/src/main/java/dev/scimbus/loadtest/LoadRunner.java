package dev.scimbus.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives a whole run from a plain (non event-loop) thread: prepares data, then for each
 * scenario runs warmup and measurement on all shards at once and merges what they measured.
 * Scenarios run one after the other, each with its own warmup, so their numbers do not mix.
 */
public final class LoadRunner {

  private static final long SETTLE_SECONDS = 30;

  private final LoadConfig config;
  private final PrintStream progressOut;

  /** {@code progressOut} receives the once-a-second progress line; {@code null} keeps quiet. */
  public LoadRunner(LoadConfig config, PrintStream progressOut) {
    this.config = config;
    this.progressOut = progressOut;
  }

  public RunReport run() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    int shardCount = Math.min(config.concurrency(), cpus);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(shardCount, 2)));
    Progress progress = new Progress(config.progress() ? progressOut : null);
    long ticker = vertx.setPeriodic(1000, t -> progress.print());
    Instant startedAt = Instant.now();
    try {
      List<Shard> shards = new ArrayList<>();
      for (int i = 0; i < shardCount; i++) {
        int workers = share(config.concurrency(), shardCount, i);
        Shard shard = new Shard(i, shardCount, workers, config.rate() / shardCount, config, progress);
        await(vertx.deployVerticle(shard), 10);
        shards.add(shard);
      }
      progress.phase("prepare");
      Fixture fixture = await(new FixtureBuilder(vertx, config, progress).build(), 600);

      Map<String, ScenarioResult> results = new LinkedHashMap<>();
      for (ScenarioKind kind : config.scenarios()) {
        results.put(kind.id(), runScenario(kind, fixture, shards, progress));
      }
      return new RunReport(config.url().toString(), startedAt, config.toJson(), results);
    } finally {
      vertx.cancelTimer(ticker);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private ScenarioResult runScenario(ScenarioKind kind, Fixture fixture, List<Shard> shards, Progress progress)
      throws Exception {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long measureStart = start + config.warmup().toNanos();
    long end = measureStart + config.duration().toNanos();
    Shard.Window window = new Shard.Window(start, measureStart, end);
    List<Future<Tally>> running = new ArrayList<>();
    for (Shard s : shards) {
      running.add(s.run(kind, fixture, window));
    }
    // The label is a guess at the phase; it is only for humans watching the progress line.
    progress.phase(kind.id() + (config.warmup().isZero() ? "" : " warmup"));
    if (!config.warmup().isZero()) {
      long sleepMs = TimeUnit.NANOSECONDS.toMillis(measureStart - System.nanoTime());
      if (sleepMs > 0) {
        Thread.sleep(sleepMs);
      }
      progress.phase(kind.id());
    }
    long budget = TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()) + SETTLE_SECONDS;
    await(Future.all(running), budget);
    Tally merged = new Tally();
    running.forEach(f -> merged.merge(f.result()));
    return ScenarioResult.of(kind.id(), merged, config.duration().toNanos() / 1e9);
  }

  private static int share(int total, int parts, int i) {
    return total / parts + (i < total % parts ? 1 : 0);
  }

  private static <T> T await(Future<T> f, long seconds) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}
