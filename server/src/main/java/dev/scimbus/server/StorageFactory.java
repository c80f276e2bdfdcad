package dev.scimbus.server;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.filter.FilterLimits;
import dev.scimbus.scim.patch.PatchOptions;
import dev.scimbus.scim.validation.ValidationOptions;
import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.ScimConfig;
import dev.scimbus.server.config.ServerConfig;
import dev.scimbus.storage.ServiceOptions;
import dev.scimbus.storage.StorageVerticle;
import dev.scimbus.storage.memory.MemoryStorageProvider;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.postgres.PostgresStorageProvider;
import dev.scimbus.storage.sqlite.SqliteStorageProvider;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the {@code storage} URI to the storage verticle this node deploys. One line per backend;
 * an unsupported scheme stops startup with a message that lists what is supported.
 */
public final class StorageFactory {
  /** The URI forms accepted today, as shown to operators. */
  public static final List<String> SUPPORTED = List.of("memory:", "sqlite:PATH", "postgresql://USER:PASSWORD@HOST:PORT/DB");

  private StorageFactory() {}

  /** Fails with a {@link ConfigException} unless the URI names a supported backend. */
  public static void check(String uri) {
    scheme(uri);
  }

  /** The provider of the configured backend; not started yet (the storage verticle starts it). */
  public static StorageProvider provider(Vertx vertx, ServerConfig config, SchemaRegistry registry) {
    return switch (scheme(config.storage())) {
      case "memory" -> new MemoryStorageProvider(registry);
      case "sqlite" -> SqliteStorageProvider.fromUri(vertx, registry, config.storage());
      case "postgresql", "postgres" -> PostgresStorageProvider.fromUri(vertx, registry, config.storage());
      default -> throw unsupported(config.storage());
    };
  }

  /**
   * Deploys the storage verticles hosting the SCIM rules over {@code provider}: one per HTTP
   * instance (one per core by default), all sharing the one provider.
   */
  public static Future<String> deployStorage(Vertx vertx, ServerConfig config, SchemaRegistry registry,
      StorageProvider provider) {
    return StorageVerticle.deploy(vertx, provider, registry, serviceOptions(config.scim()), config.http().instances());
  }

  /** The SCIM rules' settings, from the {@code scim.*} keys. */
  public static ServiceOptions serviceOptions(ScimConfig scim) {
    Map<String, Boolean> p = scim.patch();
    PatchOptions d = PatchOptions.LENIENT;
    PatchOptions patch = new PatchOptions(
        p.getOrDefault("caseInsensitiveOps", d.caseInsensitiveOps()),
        p.getOrDefault("booleanStrings", d.booleanStrings()),
        p.getOrDefault("removeMembersByValueArray", d.removeMembersByValueArray()),
        p.getOrDefault("addThroughFilterMerges", d.addThroughFilterMerges()),
        p.getOrDefault("managerAsString", d.managerAsString()),
        p.getOrDefault("caseInsensitiveAttributeNames", d.caseInsensitiveAttributeNames()),
        p.getOrDefault("replaceWithoutPathAcceptsActive", d.replaceWithoutPathAcceptsActive()));
    ValidationOptions v = ValidationOptions.DEFAULT;
    ValidationOptions validation = new ValidationOptions(scim.ignoreUnknownAttributes(), v.booleanStrings(),
        v.caseInsensitiveAttributeNames());
    return new ServiceOptions(scim.maxPageSize(), scim.defaultPageSize(), ServiceOptions.DEFAULT.maxInMemoryCandidates(),
        new FilterLimits(scim.filterMaxLength(), scim.filterMaxDepth()), patch, validation,
        Duration.ofSeconds(scim.cursorTimeoutSeconds()), scim.cursorSecret(), scim.argon2());
  }

  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!List.of("memory", "sqlite", "postgresql", "postgres").contains(scheme)) {
      throw unsupported(uri);
    }
    return scheme;
  }

  /**
   * The storage URI with any password replaced by {@code ***}, for log lines and messages:
   * {@code postgresql://scim:secret@db/x} becomes {@code postgresql://scim:***@db/x}.
   */
  public static String redacted(String uri) {
    if (uri == null) {
      return null;
    }
    return uri.replaceAll("(//[^/:@]*):[^/@]*@", "$1:***@").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  private static ConfigException unsupported(String uri) {
    return new ConfigException("storage (SCIMBUS_STORAGE) must be one of " + String.join(", ", SUPPORTED)
        + ", got '" + redacted(uri) + "'; other backends (redis://, mongodb://) are not available yet");
  }
}
