package dev.scimbus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.notifications.changelog.ChangeLogReader;
import dev.scimbus.notifications.stream.EventsHandler;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.Addresses;
import dev.scimbus.storage.StorageVerticle;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.memory.MemoryStorageProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole path with the real storage stack: SCIM writes through the storage verticle, the
 * memory provider's change log read through {@link ChangeLogReader}, events out over SSE.
 */
@Timeout(60)
class StorageEventsTest {
  private static final String PROV = "urn:ietf:params:scim:event:prov:";
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private final Vertx vertx = Vertx.vertx();
  private int port;

  @AfterEach
  void close() {
    Node.await(vertx.close());
  }

  private void start() {
    MemoryStorageProvider provider = new MemoryStorageProvider(SchemaRegistry.defaults());
    Node.await(vertx.deployVerticle(new StorageVerticle(provider, SchemaRegistry.defaults(), null)));
    Node.await(vertx.deployVerticle(new ChangeLogReader(provider)));
    ChangeFeedVerticle feed = new ChangeFeedVerticle(NotificationOptions.defaults());
    Node.await(vertx.deployVerticle(feed));
    EventsHandler events = new EventsHandler(vertx, feed.hub(), NotificationOptions.defaults());
    Router router = Router.router(vertx);
    router.get("/Events").handler(ctx -> events.handle(ctx, "acme"));
    port = Node.await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
  }

  private JsonObject scim(Operation op, String id, JsonObject body) {
    StorageRequest req = new StorageRequest(op, "acme", "User", id, body, null, null, "http://localhost/scim/v2");
    return Node.await(vertx.eventBus().<StorageReply>request(Addresses.STORAGE, req)).body().body();
  }

  @Test
  void scimWritesBecomeRfc9967EventsWithoutPasswordsAndReplayFromTheLog() {
    start();
    SseClient live = SseClient.open(vertx, port, "/Events", null);
    String id = scim(Operation.CREATE, null, new JsonObject().put("schemas", new JsonArray().add(USER))
        .put("userName", "bjensen").put("password", "t1meMa$heen").put("externalId", "bj")).getString("id");
    scim(Operation.PATCH, id, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active")
            .put("value", false))));
    scim(Operation.DELETE, id, null);

    Node.eventually(5000, "three events", () -> live.frames.size() >= 3);
    assertThat(live.frames).extracting(SseClient.Frame::event)
        .containsExactly(PROV + "create:full", PROV + "patch:full", PROV + "delete");
    JsonObject created = live.frames.get(0).json();
    assertThat(created.getJsonObject("sub_id").getString("uri")).isEqualTo("/Users/" + id);
    assertThat(created.getJsonObject("sub_id").getString("externalId")).isEqualTo("bj");
    assertThat(live.frames.get(0).data()).doesNotContain("t1meMa$heen").doesNotContainIgnoringCase("\"password\"");
    assertThat(live.frames.get(1).json().getJsonObject("events").fieldNames()).contains(PROV + "deactivate");

    SseClient resumed = SseClient.open(vertx, port, "/Events?events=deactivate", 0L);
    Node.eventually(5000, "the deactivation replayed", () -> resumed.frames.size() >= 1);
    assertThat(resumed.ids()).containsExactly(live.frames.get(1).id());
  }
}
