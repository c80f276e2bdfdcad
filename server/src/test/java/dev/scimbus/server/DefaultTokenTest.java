package dev.scimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.auth.TokenBootstrap;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no token configured the first start creates one, shows it once and keeps only its hash. */
class DefaultTokenTest {
  private static final Pattern LINE = Pattern.compile("created API token for tenant 'default': (\\S+)");

  @TempDir
  Path tmp;

  @Test
  void firstStartCreatesAndPrintsATokenLaterStartsReuseIt() throws Exception {
    Path dataDir = tmp.resolve("nested/data");
    var config = TestServers.config(dataDir).withTokens(List.of());
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String token;
    ScimbusServer server = ScimbusServer.start(config, new PrintStream(first, true, StandardCharsets.UTF_8)).await();
    try {
      Matcher m = LINE.matcher(first.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as("printed: %s", first).isTrue();
      token = m.group(1);
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      String stored = Files.readString(dataDir.resolve(TokenBootstrap.FILE_NAME));
      assertThat(stored).doesNotContain(token).contains("default=sha256\\:");
      assertThat(status(server, token)).isEqualTo(200);
    } finally {
      server.close().await();
    }

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    server = ScimbusServer.start(config, new PrintStream(second, true, StandardCharsets.UTF_8)).await();
    try {
      assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(status(server, token)).isEqualTo(200);
      assertThat(status(server, "something-else")).isEqualTo(401);
    } finally {
      server.close().await();
    }
  }

  private static int status(ScimbusServer server, String token) {
    var vertx = io.vertx.core.Vertx.vertx();
    try {
      return io.vertx.ext.web.client.WebClient.create(vertx)
          .request(HttpMethod.GET, server.port(), "localhost", "/scim/v2/Users").bearerTokenAuthentication(token)
          .send().await().statusCode();
    } finally {
      vertx.close().await();
    }
  }
}
