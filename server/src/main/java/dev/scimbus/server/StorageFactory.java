package dev.scimbus.server;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.ServerConfig;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.Locale;

/**
 * Maps the {@code storage} URI to the storage verticle this node deploys. One line per backend;
 * an unsupported scheme stops startup with a message that lists what is supported.
 */
public final class StorageFactory {
  /** The URI forms accepted today, as shown to operators. */
  public static final List<String> SUPPORTED = List.of("memory:");

  private StorageFactory() {}

  /** Fails with a {@link ConfigException} unless the URI names a supported backend. */
  public static void check(String uri) {
    scheme(uri);
  }

  /** The storage verticle for the configured backend. */
  public static Deployable storageVerticle(ServerConfig config, SchemaRegistry registry) {
    String scheme = scheme(config.storage());
    switch (scheme) {
      case "memory":
        throw new ConfigException("storage 'memory:' is not wired yet");
      default:
        throw unsupported(config.storage());
    }
  }

  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("memory")) {
      throw unsupported(uri);
    }
    return scheme;
  }

  private static ConfigException unsupported(String uri) {
    return new ConfigException("storage (SCIMBUS_STORAGE) must be one of " + String.join(", ", SUPPORTED)
        + ", got '" + uri + "'; other backends (sqlite:, postgresql://, redis://, mongodb://) are not available yet");
  }
}
