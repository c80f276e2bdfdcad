package dev.scimbus.storage.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One SCIM operation, as the HTTP verticle hands it to the storage verticle over the event bus.
 * Immutable; its codec passes the same instance on local delivery.
 *
 * @param operation what to do
 * @param tenant the tenant the credential resolved to
 * @param resourceType the resource type name (e.g. {@code User}); null only for a root search
 * @param id the resource id for single-resource operations, else null
 * @param body the request body (resource, PatchOp or SearchRequest), else null
 * @param ifMatch the If-Match header value, else null
 * @param query list and projection parameters
 * @param baseUrl the absolute SCIM base URL of the request, e.g. {@code https://h/scim/v2}, for
 *     {@code meta.location} and {@code $ref} values
 */
public record StorageRequest(Operation operation, String tenant, String resourceType, String id, JsonObject body,
    String ifMatch, QueryParams query, String baseUrl) {

  public StorageRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tenant, "tenant");
    query = query == null ? QueryParams.NONE : query;
  }

  JsonObject toJson() {
    return new JsonObject().put("operation", operation.name()).put("tenant", tenant)
        .put("resourceType", resourceType).put("id", id).put("body", body).put("ifMatch", ifMatch)
        .put("query", query.toJson()).put("baseUrl", baseUrl);
  }

  static StorageRequest fromJson(JsonObject j) {
    return new StorageRequest(Operation.valueOf(j.getString("operation")), j.getString("tenant"),
        j.getString("resourceType"), j.getString("id"), j.getJsonObject("body"), j.getString("ifMatch"),
        QueryParams.fromJson(j.getJsonObject("query")), j.getString("baseUrl"));
  }
}
