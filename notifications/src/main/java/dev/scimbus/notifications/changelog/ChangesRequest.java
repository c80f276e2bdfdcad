package dev.scimbus.notifications.changelog;

import io.vertx.core.json.JsonObject;

/** Asks the change log of {@code tenant} for at most {@code limit} rows after {@code afterSequence}. */
public record ChangesRequest(String tenant, long afterSequence, int limit) {

  public JsonObject toJson() {
    return new JsonObject().put("tenant", tenant).put("afterSequence", afterSequence).put("limit", limit);
  }

  public static ChangesRequest fromJson(JsonObject j) {
    return new ChangesRequest(j.getString("tenant"), j.getLong("afterSequence"), j.getInteger("limit"));
  }
}
