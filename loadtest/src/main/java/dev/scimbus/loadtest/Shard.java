package dev.scimbus.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.List;

/**
 * A slice of the load pinned to one event loop: its own keep-alive connection pool sized to its
 * share of the concurrency, its own workers (closed loop) or its own share of the rate (open
 * loop). Splitting the load this way lets the generator use every core without any lock on the
 * request path, since everything a shard owns is touched from its event loop only.
 */
final class Shard extends VerticleBase {

  /** Time points of one scenario run, all {@link System#nanoTime()} values. */
  record Window(long start, long measureStart, long end) {}

  private final int index;
  private final int shards;
  private final int workers;
  private final double rate;
  private final int users;
  private final URI url;
  private final List<Tenant> tenants;
  private final Progress progress;
  private WebClient client;
  private ScimApi api;

  Shard(int index, int shards, int workers, double rate, LoadConfig config, Progress progress) {
    this.index = index;
    this.shards = shards;
    this.workers = workers;
    this.rate = rate;
    this.users = config.users();
    this.url = config.url();
    this.tenants = config.tenants();
    this.progress = progress;
  }

  @Override
  public Future<?> start() {
    WebClientOptions options = new WebClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setPipelining(false)
        .setConnectTimeout(5_000)
        .setUserAgent("scimbus-loadtest");
    client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(workers));
    api = new ScimApi(client, url, progress);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    client.close();
    return Future.succeededFuture();
  }

  /** Runs warmup plus measurement and yields what was measured; warmup samples are thrown away. */
  Future<Tally> run(ScenarioKind kind, Fixture fixture, Window window) {
    Promise<Tally> done = Promise.promise();
    context.runOnContext(v -> {
      Scenario scenario = Scenario.create(kind,
          new Scenario.Context(api, fixture, tenants, users, index, shards));
      if (rate > 0) {
        new OpenLoop(scenario, window, done).begin();
      } else {
        new ClosedLoop(scenario, window, done).begin();
      }
    });
    return done.future();
  }

  /**
   * Each worker sends its next operation as soon as the previous one completed, so throughput
   * is whatever the server sustains at this concurrency.
   */
  private final class ClosedLoop {
    private final Scenario scenario;
    private final Window window;
    private final Promise<Tally> done;
    private final Tally warm = new Tally();
    private final Tally measured = new Tally();
    private int live;
    private long seq;

    ClosedLoop(Scenario scenario, Window window, Promise<Tally> done) {
      this.scenario = scenario;
      this.window = window;
      this.done = done;
    }

    void begin() {
      live = workers;
      // Workers start at the shared start time so shards begin together.
      long wait = Math.max(1, (window.start() - System.nanoTime()) / 1_000_000);
      vertx.setTimer(wait, t -> {
        for (int i = 0; i < workers; i++) {
          next();
        }
      });
    }

    private void next() {
      long sent = System.nanoTime();
      if (sent >= window.end()) {
        if (--live == 0) {
          done.complete(measured);
        }
        return;
      }
      Tally tally = sent >= window.measureStart() ? measured : warm;
      Future<?> op = execute(scenario, seq++, tally);
      boolean synchronous = op.isComplete();
      op.onComplete(ar -> {
        tally.operation(System.nanoTime() - sent, ar.cause());
        if (ar.failed()) {
          progress.error();
        }
        // A scenario that fails without I/O would otherwise recurse once per operation.
        if (synchronous) {
          context.runOnContext(v -> next());
        } else {
          next();
        }
      });
    }
  }

  /**
   * Operations are due at fixed intervals whatever the server does, and latency is measured from
   * when an operation was due, not from when it could be sent. When {@code workers} operations
   * are already in flight, due operations wait in a virtual queue (only an index, so it costs no
   * memory) and their wait counts in their latency: that is how coordinated omission is avoided.
   * Operations still waiting when the run ends are counted as {@code unsent}.
   */
  private final class OpenLoop {
    private final Scenario scenario;
    private final Window window;
    private final Promise<Tally> done;
    private final Tally warm = new Tally();
    private final Tally measured = new Tally();
    private final double interval;
    private final long total;
    private long nextIndex;
    private int inFlight;
    private long timer = -1;
    private boolean closing;

    OpenLoop(Scenario scenario, Window window, Promise<Tally> done) {
      this.scenario = scenario;
      this.window = window;
      this.done = done;
      this.interval = 1e9 / rate;
      this.total = (long) Math.floor((window.end() - window.start()) / interval);
    }

    void begin() {
      timer = vertx.setPeriodic(1, t -> pump());
    }

    // Offsetting each shard by a fraction of the interval spreads sends instead of bursting them.
    private long intended(long i) {
      return window.start() + (long) ((i + (double) index / shards) * interval);
    }

    private void pump() {
      long now = System.nanoTime();
      while (nextIndex < total && inFlight < workers && intended(nextIndex) <= now) {
        fire(intended(nextIndex++), now);
      }
      if (!closing && now >= window.end()) {
        closing = true;
        vertx.cancelTimer(timer);
        long due = total - nextIndex;
        measured.unsent += due;
        nextIndex = total;
      }
      if (closing && inFlight == 0 && !done.future().isComplete()) {
        done.complete(measured);
      }
    }

    private void fire(long intended, long now) {
      // Classified by send time, not intended time: under overload the queue never drains, and
      // classifying by intended time would leave the measured window holding only warmup backlog.
      Tally tally = now >= window.measureStart() ? measured : warm;
      tally.queued(now - intended);
      inFlight++;
      Future<?> op = execute(scenario, nextIndex, tally);
      boolean synchronous = op.isComplete();
      op.onComplete(ar -> {
        tally.operation(System.nanoTime() - intended, ar.cause());
        if (ar.failed()) {
          progress.error();
        }
        inFlight--;
        if (synchronous) {
          context.runOnContext(v -> pump());
        } else {
          pump();
        }
      });
    }
  }

  private static Future<?> execute(Scenario scenario, long seq, Tally tally) {
    try {
      return scenario.execute(seq, tally);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
