package dev.scimbus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Vert.x Config path: a YAML file plus system properties. */
class ConfigLoaderTest {
  @TempDir
  Path tmp;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    System.clearProperty("scimbus.http.port");
    vertx.close().await();
  }

  @Test
  void readsYamlAndLetsSystemPropertiesWin() throws Exception {
    Path file = tmp.resolve("scimbus.yaml");
    Files.writeString(file, "http:\n  port: 9000\n  host: 127.0.0.1\nstorage: \"memory:\"\nauth:\n  tokens:\n    acme: tokA\n");
    System.setProperty("scimbus.http.port", "9001");
    ServerConfig c = ConfigLoader.load(vertx, file).await();
    assertThat(c.http().port()).isEqualTo(9001);
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.tokens()).containsExactly(new ServerConfig.TokenEntry("acme", "tokA"));
  }

  @Test
  void theShippedConfigurationFileParses() {
    Path shipped = Path.of("../conf/scimbus.yaml");
    ServerConfig c = ConfigLoader.load(vertx, shipped).await();
    // the shipped file leaves storage unset: the zero-config SQLite file in the data folder
    assertThat(c.storage()).isEqualTo("sqlite:./data/scimbus.db");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.bulk()).isEqualTo(BulkConfig.defaults());
    assertThat(c.limits().enabled()).isFalse();
    assertThat(c.jwt()).isNull();
  }

  @Test
  void aMissingExplicitFileIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.load(vertx, tmp.resolve("nope.yaml")).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml does not exist");
  }
}
