package dev.scimbus.storage.spi;

import io.vertx.core.json.JsonObject;

/**
 * The change row a write appends to the tenant's change log, before the backend gives it a
 * sequence. {@code event} is the RFC 9967 event JSON built by {@code ResourceService}.
 */
public record ChangeDraft(String resourceType, String resourceId, String operation, long version, JsonObject event) {}
