package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.notifications.ChangeFeedVerticle;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.TestRedis;
import dev.scimbus.server.TestServers;
import dev.scimbus.server.auth.TokenHash;
import dev.scimbus.server.auth.TokenRegistry;
import dev.scimbus.server.config.HttpConfig;
import dev.scimbus.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /ready}: 200 with every check when the node can serve, 503 naming the failing check otherwise. */
@Timeout(60)
class ReadinessTest {
  @TempDir
  Path dir;

  private static HttpResponse<Buffer> ready(WebClient client, int port) {
    return client.get(port, "localhost", "/ready").send().await();
  }

  @Test
  void aSingleNodeIsReadyWithLocalFanOutAndNeedsNoToken() {
    try (TestServers node = TestServers.start(TestServers.config(dir))) {
      HttpResponse<Buffer> r = ready(node.client, node.server.port());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP")
          .put("checks", new JsonObject().put("storage", "UP").put("fanout", "LOCAL")));
    }
  }

  @Test
  void withRedisTheFanOutCheckFollowsTheSubscription() {
    try (TestRedis redis = new TestRedis();
        TestServers node = TestServers.start(TestServers.config(dir).withRedis(redis.uri()))) {
      int port = node.server.port();
      eventually(() -> ready(node.client, port).statusCode() == 200);
      assertThat(ready(node.client, port).bodyAsJsonObject().getJsonObject("checks").getString("fanout"))
          .isEqualTo("UP");

      redis.stop();
      eventually(() -> ready(node.client, port).statusCode() == 503);
      JsonObject down = ready(node.client, port).bodyAsJsonObject();
      assertThat(down.getString("status")).isEqualTo("DOWN");
      assertThat(down.getJsonObject("checks")).isEqualTo(new JsonObject().put("storage", "UP").put("fanout", "DOWN"));

      redis.start();
      eventually(() -> ready(node.client, port).statusCode() == 200);
    }
  }

  @Test
  void withoutAStorageVerticleItIs503WithStorageDown() {
    Vertx vertx = Vertx.vertx();
    try {
      ChangeFeedVerticle feed = new ChangeFeedVerticle(NotificationOptions.defaults());
      vertx.deployVerticle(feed).await();
      ScimHttpVerticle http = new ScimHttpVerticle(ServerConfig.defaults().withHttp(HttpConfig.defaults().withPort(0)
          .withInstances(1)), SchemaRegistry.defaults(), TokenRegistry.ofHashes(Map.of(TokenHash.of("tok"), "t1")),
          null, null, feed.hub(), feed::fanoutStatus);
      vertx.deployVerticle(http).await();
      WebClient client = WebClient.create(vertx);
      HttpResponse<Buffer> r = ready(client, http.actualPort());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN")
          .put("checks", new JsonObject().put("storage", "DOWN").put("fanout", "LOCAL")));
    } finally {
      vertx.close().await();
    }
  }

  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("condition within 15 s").isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
