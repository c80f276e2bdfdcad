package dev.scimbus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.notifications.transport.RedisTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import redis.embedded.RedisServer;

/**
 * Two nodes that share a change log (as two servers share PostgreSQL) and fan out through Redis
 * Pub/Sub from the embedded-redis binaries, or the server {@code SCIMBUS_TEST_REDIS} names.
 */
@Timeout(60)
class RedisFanOutTest {
  private static final String RESTARTS_REDIS = "restarts-redis";

  private final TestChangeLog log = new TestChangeLog();
  private RedisServer redis;
  private int redisPort;
  private String redisUri;
  private Node a;
  private Node b;

  @BeforeEach
  void start(TestInfo test) throws IOException {
    // Tests that stop and restart Redis need a server of their own; the others may use the one
    // SCIMBUS_TEST_REDIS names.
    String external = System.getenv("SCIMBUS_TEST_REDIS");
    if (external != null && !external.isBlank() && !test.getTags().contains(RESTARTS_REDIS)) {
      redisUri = external;
    } else {
      try (ServerSocket s = new ServerSocket(0)) {
        redisPort = s.getLocalPort();
      }
      redis = newRedis();
      redis.start();
      redisUri = "redis://127.0.0.1:" + redisPort;
    }
    NotificationOptions options = new NotificationOptions(redisUri, 1000, 10_000, 15_000, 100, 30_000, 5_000, 50,
        400);
    a = new Node(log, options);
    b = new Node(log, options);
  }

  private RedisServer newRedis() throws IOException {
    return RedisServer.newRedisServer().bind("127.0.0.1").port(redisPort).setting("save \"\"")
        .setting("appendonly no").build();
  }

  @AfterEach
  void stop() throws IOException {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private void awaitSubscribed(Node node) {
    Node.eventually(10_000, "the node subscribed to Redis",
        () -> ((RedisTransport) node.feed.transport()).subscribed());
  }

  @Test
  void aSubscriberOnNodeBSeesTheWritesOfNodeALive() {
    awaitSubscribed(a);
    awaitSubscribed(b);
    SseClient onB = SseClient.open(b.vertx, b.port, "/Events", null);
    Node.eventually(5000, "subscribed on B", () -> b.subscribers(Node.TENANT) == 1);

    a.burst(300);

    Node.eventually(10_000, "300 events on B", () -> onB.frames.size() >= 300);
    assertThat(onB.ids()).containsExactlyElementsOf(range(1, 300));
    assertThat(a.subscribers(Node.TENANT)).isZero();
  }

  @Test
  @Tag(RESTARTS_REDIS)
  void noEventIsLostWhenRedisRestartsInTheMiddleOfABurst() throws Exception {
    awaitSubscribed(a);
    awaitSubscribed(b);
    SseClient onB = SseClient.open(b.vertx, b.port, "/Events", null);
    WsClient wsOnB = WsClient.open(b.vertx, b.port, "/Events");
    Node.eventually(5000, "subscribed on B", () -> b.subscribers(Node.TENANT) == 2);

    a.burst(300);
    Node.eventually(10_000, "the first 300 on B", () -> onB.frames.size() >= 300);
    redis.stop();
    a.burst(300); // published into the void: only the change log has these
    Thread.sleep(300);
    redis = newRedis();
    redis.start();
    awaitSubscribed(b);
    a.burst(300);

    Node.eventually(20_000, "all 900 on B", () -> onB.frames.size() >= 900 && wsOnB.messages.size() >= 900);
    Thread.sleep(200);
    assertThat(onB.ids()).containsExactlyElementsOf(range(1, 900));
    assertThat(wsOnB.ids()).containsExactlyElementsOf(range(1, 900));
  }

  @Test
  @Tag(RESTARTS_REDIS)
  void rowsLostAtTheTailOfABurstArriveAfterTheSubscriberReconnects() throws Exception {
    awaitSubscribed(b);
    SseClient onB = SseClient.open(b.vertx, b.port, "/Events", null);
    Node.eventually(5000, "subscribed on B", () -> b.subscribers(Node.TENANT) == 1);
    a.burst(50);
    Node.eventually(10_000, "the first 50 on B", () -> onB.frames.size() >= 50);

    redis.stop();
    a.burst(50); // no later row will reveal this gap: the re-subscription must
    redis = newRedis();
    redis.start();

    Node.eventually(20_000, "the lost tail on B", () -> onB.frames.size() >= 100);
    assertThat(onB.ids()).containsExactlyElementsOf(range(1, 100));
  }
}
