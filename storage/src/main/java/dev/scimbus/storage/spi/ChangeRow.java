package dev.scimbus.storage.spi;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A committed row of a tenant's change log. Sequences are per tenant, strictly increasing in
 * commit order, and a reader that resumes after {@code sequence} never misses a row committed
 * later.
 */
public record ChangeRow(String tenant, long sequence, Instant committedAt, String resourceType, String resourceId,
    String operation, long version, JsonObject event) {}
