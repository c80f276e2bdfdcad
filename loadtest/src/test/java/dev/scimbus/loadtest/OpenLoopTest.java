package dev.scimbus.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a server slowed to 50 ms per answer, two connections carry at most 40 operations per
 * second. Asking for far more in open-loop mode must show the queueing delay in latency (no
 * coordinated omission), while a closed loop on the same server only ever sees the 50 ms.
 */
class OpenLoopTest {

  private static final long DELAY_MS = 50;
  private static Vertx vertx;
  private static URI url;

  @BeforeAll
  static void startSlowServer() throws Exception {
    vertx = Vertx.vertx();
    int port = BareVertxServer.start(vertx, 0, DELAY_MS, 1).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    url = URI.create("http://127.0.0.1:" + port + "/scim/v2");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ScenarioResult run(double rate, int concurrency) throws Exception {
    LoadConfig config = new LoadConfig(url, List.of(new Tenant("default", "t")), List.of(ScenarioKind.GET),
        Duration.ofSeconds(2), Duration.ZERO, concurrency, rate, 20, false);
    return new LoadRunner(config, null).run().scenarios().get("get");
  }

  @Test
  void overloadShowsUpAsQueueingDelayInLatency() throws Exception {
    ScenarioResult open = run(200, 2);
    // Capacity is about 40/s; everything beyond waits, so typical latency is far above the service time.
    assertThat(open.throughput()).isLessThan(60);
    assertThat(open.p50()).isGreaterThan(5 * DELAY_MS);
    assertThat(open.max()).isGreaterThan(1000);
    assertThat(open.queueDelayP99()).isGreaterThan(1000);
    assertThat(open.unsent()).isPositive();

    // Upper bounds are relative, not absolute: a busy CI machine slows everything, not the ratio.
    ScenarioResult closed = run(0, 2);
    assertThat(closed.p50()).isGreaterThanOrEqualTo(DELAY_MS).isLessThan(open.p50() / 2);
    assertThat(closed.unsent()).isZero();
  }

  @Test
  void withinCapacityOpenLoopLatencyIsTheServiceTime() throws Exception {
    ScenarioResult open = run(20, 4);
    assertThat(open.throughput()).isBetween(10.0, 25.0);
    assertThat(open.p50()).isGreaterThanOrEqualTo(DELAY_MS).isLessThan(5.0 * DELAY_MS);
    assertThat(open.queueDelayP99()).isLessThan(5.0 * DELAY_MS);
    assertThat(open.unsent()).isZero();
  }
}
