package dev.scimbus.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ResultsReportTest {

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static JsonObject result(double getRps, double createRps) {
    JsonObject config = new JsonObject().put("mode", "closed").put("concurrency", 32).put("warmup", "5s")
        .put("duration", "30s").put("users", 1000).put("cpus", 8).put("java", "17");
    return new JsonObject().put("url", "http://x/scim/v2").put("startedAt", "2025-01-01T00:00:00Z")
        .put("config", config)
        .put("scenarios", new JsonObject()
            .put("get", scenario(getRps))
            .put("create", scenario(createRps)));
  }

  private static JsonObject scenario(double rps) {
    return new JsonObject().put("throughput", rps).put("p50", 1.0).put("p95", 2.0).put("p99", 3.5)
        .put("max", 9.0).put("errors", 0);
  }

  @Test
  void writesTableWithBaselineRatioAndTwoCharts(@TempDir Path dir) throws Exception {
    Path bare = dir.resolve("bare.json");
    Path memory = dir.resolve("memory.json");
    Files.writeString(bare, result(20000, 10000).encode());
    Files.writeString(memory, result(5000, 2500).encode());
    Path extra = dir.resolve("extra.md");
    Files.writeString(extra, "## pgbench\n\ntps = 1\n");

    int exit = new CommandLine(new ResultsReport()).execute("--out-dir", dir.resolve("out").toString(),
        "--baseline", "bare", "--extra", extra.toString(), "bare=" + bare, "memory=" + memory,
        "sqlite=" + dir.resolve("missing.json"));
    assertThat(exit).isZero();

    String md = Files.readString(dir.resolve("out/results.md"));
    assertThat(md).contains("| backend | scenario | throughput (ops/s) | p50 (ms) | p95 (ms) | p99 (ms)")
        .contains("| memory | get | 5000.0 | 1.000 | 2.000 | 3.500 | 0 | 0.25× |")
        .contains("| bare | create | 10000.0 |")
        .contains("## pgbench")
        .doesNotContain("sqlite");
    for (String png : new String[] {"throughput.png", "p99.png"}) {
      BufferedImage img = ImageIO.read(dir.resolve("out").resolve(png).toFile());
      assertThat(img).as(png).isNotNull();
      assertThat(img.getWidth()).isGreaterThan(100);
    }
  }

  @Test
  void axisTopIsRoundedUp() {
    assertThat(BarChart.niceCeiling(3700)).isEqualTo(5000);
    assertThat(BarChart.niceCeiling(0.37)).isEqualTo(0.5);
    assertThat(BarChart.niceCeiling(0)).isEqualTo(1);
  }
}
