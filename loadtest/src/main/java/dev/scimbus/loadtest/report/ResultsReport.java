package dev.scimbus.loadtest.report;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns the JSON result files of one benchmark session into {@code results.md} (one table,
 * backend × scenario, with the ratio to the bare baseline measured in the same session) and two
 * PNG charts, throughput and p99. Run with
 * {@code java -Djava.awt.headless=true -cp scimbus-loadtest.jar dev.scimbus.loadtest.report.ResultsReport
 * --out-dir DIR --baseline bare bare=bare.json memory=memory.json ...}.
 */
@Command(name = "results-report", mixinStandardHelpOptions = true,
    description = "Writes results.md and PNG charts from load-test result files.")
public final class ResultsReport implements Callable<Integer> {

  /** One backend's result file, read. */
  record Run(String label, JsonObject json) {
    JsonObject scenario(String name) {
      JsonObject s = json.getJsonObject("scenarios", new JsonObject());
      return s.getJsonObject(name);
    }
  }

  @Option(names = "--out-dir", required = true, description = "Folder for results.md and the charts")
  Path outDir;

  @Option(names = "--baseline", defaultValue = "bare", description = "Label of the baseline run (default: ${DEFAULT-VALUE})")
  String baseline;

  @Option(names = "--extra", description = "Markdown file appended after the table (e.g. pgbench output)")
  Path extra;

  @Option(names = "--note", description = "A line describing how the numbers were produced")
  String note;

  @Parameters(paramLabel = "LABEL=FILE", description = "Result files, in the order rows should appear")
  List<String> inputs = new ArrayList<>();

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new ResultsReport()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Run> runs = new ArrayList<>();
    for (String in : inputs) {
      int eq = in.indexOf('=');
      if (eq < 0) {
        System.err.println("expected LABEL=FILE, got " + in);
        return 2;
      }
      Path file = Path.of(in.substring(eq + 1));
      if (!Files.exists(file)) {
        System.err.println("skipping missing result file " + file);
        continue;
      }
      runs.add(new Run(in.substring(0, eq), new JsonObject(Files.readString(file))));
    }
    Files.createDirectories(outDir);
    write(runs);
    System.out.println("wrote " + outDir.resolve("results.md"));
    return 0;
  }

  void write(List<Run> runs) throws Exception {
    List<String> scenarios = new ArrayList<>(scenarioNames(runs));
    List<String> labels = runs.stream().map(Run::label).toList();
    double[][] throughput = new double[runs.size()][scenarios.size()];
    double[][] p99 = new double[runs.size()][scenarios.size()];
    for (int r = 0; r < runs.size(); r++) {
      for (int c = 0; c < scenarios.size(); c++) {
        JsonObject s = runs.get(r).scenario(scenarios.get(c));
        throughput[r][c] = s == null ? Double.NaN : s.getDouble("throughput", Double.NaN);
        p99[r][c] = s == null ? Double.NaN : s.getDouble("p99", Double.NaN);
      }
    }
    new BarChart("Throughput by backend and scenario (higher is better)", "ops/s", scenarios, labels, throughput)
        .write(outDir.resolve("throughput.png"));
    new BarChart("p99 latency by backend and scenario (lower is better)", "ms", scenarios, labels, p99)
        .write(outDir.resolve("p99.png"));
    Files.writeString(outDir.resolve("results.md"), markdown(runs, scenarios));
  }

  String markdown(List<Run> runs, List<String> scenarios) throws Exception {
    Run base = runs.stream().filter(r -> r.label().equals(baseline)).findFirst().orElse(null);
    StringBuilder b = new StringBuilder("# scimbus load-test results\n\n");
    if (note != null) {
      b.append(note).append("\n\n");
    }
    if (!runs.isEmpty()) {
      JsonObject cfg = runs.get(0).json().getJsonObject("config", new JsonObject());
      b.append(String.format(Locale.ROOT,
          "Generator: `scimbus-loadtest`, %s loop, concurrency %s%s, warmup %s, %s per scenario, %s pre-created users; "
              + "%s CPUs, Java %s; started %s. All runs below were measured in the same session; "
              + "\"vs %s\" is throughput divided by the %s server's throughput for the same scenario.\n\n",
          cfg.getString("mode"), cfg.getValue("concurrency"),
          cfg.getValue("rate") == null ? "" : ", rate " + cfg.getValue("rate") + "/s",
          cfg.getString("warmup"), cfg.getString("duration"), cfg.getValue("users"),
          cfg.getValue("cpus"), cfg.getString("java"), runs.get(0).json().getString("startedAt"),
          baseline, baseline));
    }
    b.append("| backend | scenario | throughput (ops/s) | p50 (ms) | p95 (ms) | p99 (ms) | errors | vs ")
        .append(baseline).append(" |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      for (String name : scenarios) {
        JsonObject s = r.scenario(name);
        if (s == null) {
          continue;
        }
        JsonObject bs = base == null ? null : base.scenario(name);
        String ratio = bs == null || bs.getDouble("throughput", 0.0) == 0
            ? "—"
            : String.format(Locale.ROOT, "%.2f×", s.getDouble("throughput") / bs.getDouble("throughput"));
        b.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.3f | %.3f | %d | %s |\n",
            r.label(), name, s.getDouble("throughput"), s.getDouble("p50"), s.getDouble("p95"),
            s.getDouble("p99"), s.getLong("errors", 0L), ratio));
      }
    }
    b.append("\n![throughput](throughput.png)\n\n![p99 latency](p99.png)\n");
    if (extra != null && Files.exists(extra)) {
      b.append('\n').append(Files.readString(extra));
    }
    return b.toString();
  }

  private static LinkedHashSet<String> scenarioNames(List<Run> runs) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Run r : runs) {
      names.addAll(r.json().getJsonObject("scenarios", new JsonObject()).fieldNames());
    }
    return names;
  }
}
