package dev.scimbus.loadtest;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code scimbus-loadtest} command line: parses flags into a {@link LoadConfig}, runs the
 * {@link LoadRunner}, prints the summary and writes the JSON result file. Exit code 0 means the
 * run completed (even with HTTP errors, which are part of the result); 1 means it could not run.
 */
@Command(name = "scimbus-loadtest", mixinStandardHelpOptions = true, version = "scimbus-loadtest 0.1",
    sortOptions = false,
    description = "Generates SCIM load against a server and reports throughput and latency percentiles.")
public final class LoadTestCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, description = "SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2")
  URI url;

  @Option(names = "--token", description = "Bearer token of the primary tenant")
  String token;

  @Option(names = "--tenants-tokens", paramLabel = "a=tokA,b=tokB",
      description = "Tenants for the provisioning scenario; the first is primary when --token is absent")
  String tenantsTokens;

  @Option(names = "--scenario", defaultValue = "get",
      description = "Comma-separated: create, get, filter, patch, update, list, provisioning (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--duration", defaultValue = "30s", description = "Measured time per scenario (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--warmup", defaultValue = "5s", description = "Discarded time before measuring (default: ${DEFAULT-VALUE})")
  String warmup;

  @Option(names = "--concurrency", defaultValue = "32",
      description = "Workers (closed loop) or in-flight cap (open loop) (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--rate", description = "Operations per second in total; switches to open-loop mode")
  Double rate;

  @Option(names = "--users", defaultValue = "1000", description = "Users created before warmup (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--out", description = "Write the JSON result here")
  Path out;

  @Option(names = "--quiet", description = "No progress line on stderr")
  boolean quiet;

  @Option(names = "--password", description = "The create scenario sends a password with each user (server hashes it)")
  boolean password;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadTestCommand()).execute(args));
  }

  LoadConfig toConfig() {
    List<Tenant> tenants = new ArrayList<>();
    if (token != null) {
      tenants.add(new Tenant("default", token));
    }
    for (Tenant t : Tenant.parseList(tenantsTokens)) {
      if (token == null || !t.token().equals(token)) {
        tenants.add(t);
      }
    }
    Payloads.createWithPassword = password;
    Duration d = Durations.parse(duration);
    Duration w = Durations.parse(warmup);
    return new LoadConfig(url, tenants, ScenarioKind.parseList(scenario), d, w, concurrency,
        rate == null ? 0 : rate, users, !quiet);
  }

  @Override
  public Integer call() throws Exception {
    LoadConfig config;
    try {
      config = toConfig();
    } catch (IllegalArgumentException e) {
      System.err.println("scimbus-loadtest: " + e.getMessage());
      return 2;
    }
    RunReport report;
    try {
      report = new LoadRunner(config, System.err).run();
    } catch (Exception e) {
      System.err.println("scimbus-loadtest: run failed: " + e.getMessage());
      return 1;
    }
    System.out.print(report.summary());
    if (out != null) {
      write(out, report.toJson());
      System.out.println("result written to " + out);
    }
    return 0;
  }

  static void write(Path file, JsonObject json) throws java.io.IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, json.encodePrettily() + System.lineSeparator());
  }
}
