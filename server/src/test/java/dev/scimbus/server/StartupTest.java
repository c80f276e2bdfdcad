package dev.scimbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.server.cli.ScimbusCommand;
import dev.scimbus.server.config.ConfigException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Startup checks, forwarded headers and the command line. */
class StartupTest {
  @TempDir
  Path tmp;

  @Test
  void unsupportedStorageStopsStartupNamingTheKeyAndTheAllowedValues() {
    var config = TestServers.config(tmp).withStorage("cassandra://db");
    assertThatThrownBy(() -> ScimbusServer.start(config).await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage (SCIMBUS_STORAGE) must be one of memory:")
        .hasMessageContaining("got 'cassandra:");
  }

  @Test
  void anInvalidSchemasFileStopsStartup() throws Exception {
    Path bad = tmp.resolve("schemas.json");
    Files.writeString(bad, "{\"schemas\": [{\"id\": \"not-a-urn\"}]}");
    var config = TestServers.config(tmp);
    assertThatThrownBy(() -> ScimbusServer.start(config.withScim(config.scim().withSchemasFile(bad))).await())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scim.schemasFile")
        .hasMessageContaining("not-a-urn");
  }

  @Test
  void forwardedHeadersDecideTheBaseUrlOnlyWhenTrusted() {
    var config = TestServers.config(tmp);
    try (TestServers trusted = TestServers.start(config.withHttp(config.http().withTrustForwardedHeaders(true)))) {
      HttpResponse<Buffer> r = trusted.request(HttpMethod.POST, "/scim/v2/Users", TestServers.ACME)
          .putHeader("X-Forwarded-Proto", "https").putHeader("X-Forwarded-Host", "scim.example.com")
          .putHeader("Content-Type", TestServers.SCIM_JSON)
          .sendBuffer(TestServers.user("fwd@example.com").toBuffer()).await();
      assertThat(r.getHeader("Location")).startsWith("https://scim.example.com/scim/v2/Users/");
    }
    try (TestServers untrusted = TestServers.start(config)) {
      HttpResponse<Buffer> r = untrusted.request(HttpMethod.POST, "/scim/v2/Users", TestServers.ACME)
          .putHeader("X-Forwarded-Proto", "https").putHeader("X-Forwarded-Host", "evil.example.com")
          .putHeader("Content-Type", TestServers.SCIM_JSON)
          .sendBuffer(TestServers.user("fwd@example.com").toBuffer()).await();
      assertThat(r.getHeader("Location")).startsWith(untrusted.baseUrl() + "/Users/");
    }
  }

  @Test
  void tokenCommandPrintsATokenAndItsConfigurationLine() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ScimbusCommand());
    cli.setOut(new PrintWriter(out));
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(stdout, true));
    int code;
    try {
      code = cli.execute("token", "--tenant", "acme");
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    String printed = stdout.toString();
    String token = printed.lines().findFirst().orElseThrow();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(printed).contains("SCIMBUS_AUTH_TOKENS=acme=" + token);
  }

  @Test
  void tokenCommandRejectsABadTenant() {
    assertThat(new CommandLine(new ScimbusCommand()).execute("token", "--tenant", "no/slash")).isEqualTo(2);
  }

  @Test
  void versionIsPrinted() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ScimbusCommand());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("scimbus ").doesNotContain("unknown");
  }
}
