package dev.scimbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.ScimReplyException;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.memory.MemoryStorageProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploys the verticle and talks to it the way the HTTP verticle does: over the event bus. */
class StorageVerticleTest {
  private Vertx vertx;

  @BeforeEach
  void deploy() throws Exception {
    vertx = Vertx.vertx();
    SchemaRegistry registry = SchemaRegistry.defaults();
    await(vertx.deployVerticle(new StorageVerticle(new MemoryStorageProvider(registry), registry, ServiceOptions.DEFAULT)));
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private Future<Message<StorageReply>> request(Operation op, String id, JsonObject body) {
    return vertx.eventBus().request(Addresses.STORAGE,
        new StorageRequest(op, "t1", "User", id, body, null, null, "http://localhost/scim/v2"));
  }

  @Test
  void createAndGetRoundTripOverTheBus() throws Exception {
    JsonObject user = new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.USER)).put("userName", "bjensen");
    StorageReply created = await(request(Operation.CREATE, null, user)).body();
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().getString("id");
    StorageReply got = await(request(Operation.GET, id, null)).body();
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.etag()).isEqualTo("W/\"1\"");
    assertThat(got.location()).isEqualTo("http://localhost/scim/v2/Users/" + id);
    assertThat(got.body().getString("userName")).isEqualTo("bjensen");
  }

  @Test
  void errorsArriveAsScimReplyExceptionsWithStatusAndScimType() throws Exception {
    ExecutionException notFound = catchFailure(request(Operation.GET, "missing", null));
    assertThat(notFound.getCause()).isInstanceOf(ScimReplyException.class);
    ScimReplyException e404 = (ScimReplyException) notFound.getCause();
    assertThat(e404.failureCode()).isEqualTo(404);
    assertThat(e404.toScimError().detail()).contains("missing");

    JsonObject user = new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.USER)).put("userName", "dup");
    await(request(Operation.CREATE, null, user));
    ScimReplyException conflict = (ScimReplyException) catchFailure(request(Operation.CREATE, null, user)).getCause();
    assertThat(conflict.failureCode()).isEqualTo(409);
    assertThat(conflict.scimType()).hasToString("uniqueness");
    assertThat(conflict.getMessage()).contains("'dup' is already taken");
  }

  private static ExecutionException catchFailure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e;
    }
    throw new AssertionError("expected the request to fail");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
