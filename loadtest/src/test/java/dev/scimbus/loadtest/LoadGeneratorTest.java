package dev.scimbus.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real command line against the bare server in-process and checks the result file. */
class LoadGeneratorTest {

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startBareServer() throws Exception {
    vertx = Vertx.vertx();
    port = BareVertxServer.start(vertx, 0, 0, 1).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyScenarioProducesACompleteResult(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("result.json");
    int exit = new CommandLine(new LoadTestCommand()).execute(
        "--url", "http://127.0.0.1:" + port + "/scim/v2",
        "--token", "any",
        "--tenants-tokens", "a=tokA,b=tokB",
        "--scenario", "create,get,filter,list,patch,update,provisioning",
        "--duration", "2s", "--warmup", "300ms",
        "--concurrency", "8", "--users", "300",
        "--out", out.toString(), "--quiet");
    assertThat(exit).isZero();

    JsonObject json = new JsonObject(Files.readString(out));
    assertThat(json.getString("url")).isEqualTo("http://127.0.0.1:" + port + "/scim/v2");
    assertThat(json.getString("startedAt")).isNotBlank();
    assertThat(json.getJsonObject("config").getInteger("concurrency")).isEqualTo(8);
    assertThat(json.getJsonObject("config").getString("mode")).isEqualTo("closed");
    JsonObject scenarios = json.getJsonObject("scenarios");
    assertThat(scenarios.fieldNames())
        .containsExactly("create", "get", "filter", "list", "patch", "update", "provisioning");
    for (String name : scenarios.fieldNames()) {
      JsonObject s = scenarios.getJsonObject(name);
      assertThat(s.fieldNames()).as(name).contains("throughput", "p50", "p95", "p99", "max", "requests",
          "statusCounts", "errors", "errorSamples");
      assertThat(s.getDouble("throughput")).as(name + " throughput").isPositive();
      assertThat(s.getLong("requests")).as(name + " requests").isPositive();
      assertThat(s.getLong("errors")).as(name + " errors: " + s.getJsonArray("errorSamples")).isZero();
      JsonObject statuses = s.getJsonObject("statusCounts");
      assertThat(statuses.fieldNames()).as(name + " statuses").isNotEmpty()
          .allMatch(code -> code.startsWith("2"));
      double p50 = s.getDouble("p50");
      double p95 = s.getDouble("p95");
      double p99 = s.getDouble("p99");
      double max = s.getDouble("max");
      assertThat(p50).as(name).isPositive().isLessThanOrEqualTo(p95);
      assertThat(p95).as(name).isLessThanOrEqualTo(p99);
      assertThat(p99).as(name).isLessThanOrEqualTo(max);
    }
    assertThat(scenarios.getJsonObject("create").getJsonObject("statusCounts").getLong("201")).isPositive();
    assertThat(scenarios.getJsonObject("get").getJsonObject("statusCounts").getLong("200")).isPositive();
  }

  @Test
  void unreachableServerFailsPreparationWithExitCodeOne() {
    int exit = new CommandLine(new LoadTestCommand()).execute(
        "--url", "http://127.0.0.1:1/scim/v2", "--token", "t", "--scenario", "get",
        "--duration", "1s", "--warmup", "0s", "--users", "5", "--quiet");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void rejectsUnknownScenario() {
    int exit = new CommandLine(new LoadTestCommand()).execute(
        "--url", "http://127.0.0.1:" + port + "/scim/v2", "--token", "t", "--scenario", "get,nope");
    assertThat(exit).isEqualTo(2);
  }

  @Test
  void payloadIsAboutOneKilobyte() {
    int size = Payloads.user("lt-abcdefghijk-c3-123456", 123456).toBuffer().length();
    assertThat(size).isBetween(800, 1300);
  }
}
