package dev.scimbus.storage.bus;

import io.vertx.core.json.JsonObject;

/**
 * The raw list/read parameters of a request, exactly as the client sent them (RFC 7644 §3.4.2 and
 * RFC 9865). {@code ResourceService} parses and validates them, so that every rule about them
 * lives in one place; any field may be null.
 */
public record QueryParams(String filter, String sortBy, String sortOrder, String startIndex, String count,
    String attributes, String excludedAttributes, String cursor) {

  public static final QueryParams NONE = new QueryParams(null, null, null, null, null, null, null, null);

  /** Only projection parameters, as on a single-resource request. */
  public static QueryParams projection(String attributes, String excludedAttributes) {
    return new QueryParams(null, null, null, null, null, attributes, excludedAttributes, null);
  }

  JsonObject toJson() {
    return new JsonObject().put("filter", filter).put("sortBy", sortBy).put("sortOrder", sortOrder)
        .put("startIndex", startIndex).put("count", count).put("attributes", attributes)
        .put("excludedAttributes", excludedAttributes).put("cursor", cursor);
  }

  static QueryParams fromJson(JsonObject j) {
    if (j == null) {
      return NONE;
    }
    return new QueryParams(j.getString("filter"), j.getString("sortBy"), j.getString("sortOrder"),
        j.getString("startIndex"), j.getString("count"), j.getString("attributes"),
        j.getString("excludedAttributes"), j.getString("cursor"));
  }
}
