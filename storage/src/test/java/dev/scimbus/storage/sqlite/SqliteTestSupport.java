package dev.scimbus.storage.sqlite;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the SQLite tests: a registry with a test extension, resources, blocking waits. */
final class SqliteTestSupport {
  static final String EXT = "urn:test:scimbus:Ext";

  private SqliteTestSupport() {}

  /** The defaults plus a User extension with number, dateTime, multi-valued and caseExact attributes. */
  static SchemaRegistry registry() {
    JsonObject schema = new JsonObject()
        .put("id", EXT).put("name", "Ext").put("attributes", new JsonArray()
            .add(attr("level", "integer"))
            .add(attr("score", "decimal"))
            .add(attr("birth", "dateTime"))
            .add(attr("code", "string").put("caseExact", true))
            .add(attr("tags", "string").put("multiValued", true)));
    return SchemaRegistry.builder()
        .addDocument(new JsonObject()
            .put("schemas", new JsonArray().add(schema))
            .put("extensions", new JsonArray().add(new JsonObject().put("resourceType", "User").put("schema", EXT))))
        .build();
  }

  private static JsonObject attr(String name, String type) {
    return new JsonObject().put("name", name).put("type", type).put("multiValued", false);
  }

  static StoredResource user(String id, JsonObject data) {
    Instant now = Instant.parse("2024-01-01T00:00:00.000Z");
    data.put("id", id);
    return new StoredResource("User", id, 1, now, now, data);
  }

  static ChangeDraft change(StoredResource r, String op) {
    return new ChangeDraft(r.resourceType(), r.id(), op, r.version(), new JsonObject().put("op", op).put("id", r.id()));
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}
