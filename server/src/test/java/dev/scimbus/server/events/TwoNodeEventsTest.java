package dev.scimbus.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestRedis;
import dev.scimbus.server.TestServers;
import dev.scimbus.storage.postgres.PgTestServer;
import dev.scimbus.storage.postgres.PostgresConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scimbus nodes, each its own Vert.x, sharing one PostgreSQL database and one Redis: node A
 * commits, publishes to Redis, node B delivers to its SSE subscriber. Redis Pub/Sub is
 * at-most-once; the change log makes delivery complete, even across a Redis restart in the middle
 * of a burst.
 */
@Timeout(180)
class TwoNodeEventsTest {
  @TempDir
  Path dir;
  private TestRedis redis;
  private TestServers a;
  private TestServers b;

  @BeforeEach
  void start() {
    PostgresConfig db = PgTestServer.get().newDatabase();
    String storage = "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/"
        + db.database();
    redis = new TestRedis();
    a = TestServers.start(TestServers.config(dir.resolve("a")).withStorage(storage).withRedis(redis.uri()));
    b = TestServers.start(TestServers.config(dir.resolve("b")).withStorage(storage).withRedis(redis.uri()));
    awaitReady(a);
    awaitReady(b);
  }

  @AfterEach
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    redis.close();
  }

  private static void awaitReady(TestServers node) {
    SseStream.eventually(15_000, "node ready with its Redis subscription",
        () -> node.client.get("/ready").send().await().statusCode() == 200);
  }

  private void createOnA(int i) {
    assertThat(a.post("/scim/v2/Users", TestServers.user("user" + i)).statusCode()).isEqualTo(201);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void aSubscriberOnNodeBSeesTheWritesOfNodeALive() {
    try (SseStream onB = SseStream.open(b.clientVertx, b.server.port(), TestServers.ACME, null)) {
      for (int i = 1; i <= 20; i++) {
        createOnA(i);
      }
      SseStream.eventually(10_000, "20 events on B", () -> onB.ids().size() >= 20);
      assertThat(onB.ids()).isEqualTo(range(1, 20));
      assertThat(onB.frames.get(0).event()).isEqualTo("urn:ietf:params:scim:event:prov:create:full");
      assertThat(onB.frames.get(0).json().getJsonObject("sub_id").getString("uri")).startsWith("/Users/");
    }
  }

  @Test
  void aRedisRestartInTheMiddleOfABurstLosesAndDuplicatesNothing() {
    try (SseStream onB = SseStream.open(b.clientVertx, b.server.port(), TestServers.ACME, null)) {
      for (int i = 1; i <= 1000; i++) {
        if (i == 300) {
          redis.stop();
        } else if (i == 600) {
          redis.start();
        }
        createOnA(i);
      }
      // The tail may only arrive by B's re-read of the log after it re-subscribed.
      SseStream.eventually(60_000, "1000 events on B", () -> onB.ids().size() >= 1000);
      assertThat(onB.ids()).isEqualTo(range(1, 1000));
      assertThat(onB.frames).extracting(SseStream.Frame::event).doesNotContain("reset", "error");
      awaitReady(b);
    }
  }
}
