package dev.scimbus.storage.bus;

import io.vertx.core.json.JsonObject;

/**
 * The storage verticle's answer to a {@link StorageRequest}: the RFC 7644 status, the SCIM body
 * (a resource or a ListResponse; null for 204), the entity tag of a single resource, and its
 * absolute location.
 */
public record StorageReply(int status, JsonObject body, String etag, String location) {

  JsonObject toJson() {
    return new JsonObject().put("status", status).put("body", body).put("etag", etag).put("location", location);
  }

  static StorageReply fromJson(JsonObject j) {
    return new StorageReply(j.getInteger("status"), j.getJsonObject("body"), j.getString("etag"),
        j.getString("location"));
  }
}
