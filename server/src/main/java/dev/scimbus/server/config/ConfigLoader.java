package dev.scimbus.server.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the configuration through Vert.x Config: the YAML file ({@code conf/scimbus.yaml} in the
 * working directory, or the file named by {@code SCIMBUS_CONFIG}), then environment variables,
 * then system properties, and parses the result with {@link ConfigParser}.
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = "conf/scimbus.yaml";
  public static final String FILE_ENV = "SCIMBUS_CONFIG";

  private ConfigLoader() {}

  /**
   * Loads and parses the configuration.
   *
   * @param explicitFile a file given on the command line, or null to use {@code SCIMBUS_CONFIG}
   *     or the default file; an explicitly named file must exist, the default one may be absent
   */
  public static Future<ServerConfig> load(Vertx vertx, Path explicitFile) {
    Path file;
    boolean required;
    if (explicitFile != null) {
      file = explicitFile;
      required = true;
    } else if (System.getenv(FILE_ENV) != null && !System.getenv(FILE_ENV).isBlank()) {
      file = Path.of(System.getenv(FILE_ENV));
      required = true;
    } else {
      file = Path.of(DEFAULT_FILE);
      required = false;
    }
    if (required && !Files.isRegularFile(file)) {
      return Future.failedFuture(new ConfigException("configuration file " + file + " does not exist"
          + (explicitFile == null ? " (from " + FILE_ENV + ")" : "")));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    if (Files.isRegularFile(file)) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
          .setConfig(new JsonObject().put("path", file.toString())));
    }
    // raw-data keeps values as the strings they are: a token must never be reinterpreted as JSON.
    options.addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true)));
    options.addStore(new ConfigStoreOptions().setType("sys")
        .setConfig(new JsonObject().put("raw-data", true).put("cache", false)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read configuration file " + file + ": "
            + e.getMessage())))
        .map(json -> ConfigParser.parse(json, file.toString()))
        .andThen(x -> retriever.close());
  }

  /** Parses values given directly (tests): file tree plus flat environment-style keys. */
  public static ServerConfig parse(JsonObject fileTree, Map<String, String> flat) {
    JsonObject merged = fileTree.copy();
    flat.forEach(merged::put);
    return ConfigParser.parse(merged, DEFAULT_FILE);
  }
}
