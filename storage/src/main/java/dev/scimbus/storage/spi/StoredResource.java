package dev.scimbus.storage.spi;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One resource as a backend persists it: its identity, its version (a counter that starts at 1
 * and grows by one per committed write), timestamps, and the full SCIM JSON ({@code meta}
 * included except {@code location}, which depends on the request's base URL). The JSON is owned
 * by the record: providers store it and hand it back without modifying it.
 */
public record StoredResource(String resourceType, String id, long version, Instant created, Instant lastModified,
    JsonObject data) {

  public StoredResource {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }
}
