package dev.scimbus.notifications.changelog;

import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Rows of a tenant's change log, oldest first, and the oldest sequence the log still holds (0 when
 * it is empty), so that a reader can tell a pruned range from an empty one.
 */
public record ChangesReply(List<ChangeRow> rows, long oldestSequence) {

  public ChangesReply {
    rows = List.copyOf(rows);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    rows.forEach(r -> array.add(Codecs.changeRowToJson(r)));
    return new JsonObject().put("rows", array).put("oldestSequence", oldestSequence);
  }

  public static ChangesReply fromJson(JsonObject j) {
    JsonArray array = j.getJsonArray("rows");
    List<ChangeRow> rows = new java.util.ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      rows.add(Codecs.changeRowFromJson(array.getJsonObject(i)));
    }
    return new ChangesReply(rows, j.getLong("oldestSequence"));
  }
}
