package dev.scimbus.server.config;

import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the server's {@link SchemaRegistry}: the bundled defaults plus the custom schemas,
 * resource types and extensions of {@code scim.schemasFile} (JSON, or YAML when the file name ends
 * in {@code .yaml}/{@code .yml}).
 */
public final class SchemaDocuments {
  private SchemaDocuments() {}

  public static Future<SchemaRegistry> registry(Vertx vertx, ScimConfig scim) {
    Path file = scim.schemasFile();
    if (file == null) {
      return Future.succeededFuture(SchemaRegistry.defaults());
    }
    if (!Files.isRegularFile(file)) {
      return Future.failedFuture(new ConfigException("scim.schemasFile names " + file.toAbsolutePath()
          + ", which is not a readable file"));
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String format = name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(0)
        .setIncludeDefaultStores(false)
        .addStore(new ConfigStoreOptions().setType("file").setFormat(format)
            .setConfig(new JsonObject().put("path", file.toString()))));
    return retriever.getConfig()
        .andThen(x -> retriever.close())
        .recover(e -> Future.failedFuture(new ConfigException("scim.schemasFile " + file + " is not valid " + format
            + ": " + e.getMessage())))
        .map(doc -> build(doc, file));
  }

  static SchemaRegistry build(JsonObject doc, Path file) {
    try {
      return SchemaRegistry.builder().addDocument(doc).build();
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ConfigException("scim.schemasFile " + file + " is not a valid schema document: " + e.getMessage()
          + " (expected {\"schemas\": [...], \"resourceTypes\": [...], \"extensions\": [...]})");
    }
  }
}
