package dev.scimbus.notifications.changelog;

import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON form of a change row, shared by the bus codecs and the Redis transport. */
public final class ChangeRowJson {
  private ChangeRowJson() {}

  public static JsonObject toJson(ChangeRow r) {
    return new JsonObject().put("tenant", r.tenant()).put("sequence", r.sequence())
        .put("committedAt", r.committedAt().toString()).put("resourceType", r.resourceType())
        .put("resourceId", r.resourceId()).put("operation", r.operation()).put("version", r.version())
        .put("event", r.event());
  }

  public static ChangeRow fromJson(JsonObject j) {
    return new ChangeRow(j.getString("tenant"), j.getLong("sequence"), Instant.parse(j.getString("committedAt")),
        j.getString("resourceType"), j.getString("resourceId"), j.getString("operation"), j.getLong("version"),
        j.getJsonObject("event"));
  }
}
