package dev.scimbus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The events stream over SSE and WebSocket, with real clients, on one node with local fan-out. */
@Timeout(60)
class EventStreamTest {
  private static final String CREATE = TestChangeLog.PROV + "create:full";
  private final TestChangeLog log = new TestChangeLog();
  private Node node;

  private Node node(NotificationOptions options) {
    node = new Node(log, options);
    return node;
  }

  private Node node() {
    return node(NotificationOptions.defaults());
  }

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void sseDeliversEveryWriteOfABurstOnceInOrder() {
    Node n = node();
    SseClient sse = SseClient.open(n.vertx, n.port, "/Events", null);
    assertThat(sse.contentType()).isEqualTo("text/event-stream");
    assertThat(sse.response.getHeader("Cache-Control")).isEqualTo("no-cache");
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);

    n.burst(500);

    Node.eventually(10_000, "500 events arrived", () -> sse.frames.size() >= 500);
    assertThat(sse.ids()).containsExactlyElementsOf(range(1, 500));
    SseClient.Frame first = sse.frames.get(0);
    assertThat(first.event()).isEqualTo(CREATE);
    assertThat(first.json().getJsonObject("sub_id").getString("uri")).isEqualTo("/Users/u0");
    assertThat(first.json().getJsonObject("events").getJsonObject(CREATE).getJsonObject("data").getString("id"))
        .isEqualTo("u0");
  }

  @Test
  void webSocketDeliversEveryWriteOfABurstOnceInOrder() {
    Node n = node();
    WsClient ws = WsClient.open(n.vertx, n.port, "/Events");
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);

    n.burst(500);

    Node.eventually(10_000, "500 messages arrived", () -> ws.messages.size() >= 500);
    assertThat(ws.ids()).containsExactlyElementsOf(range(1, 500));
    JsonObject first = ws.messages.get(0);
    assertThat(first.getString("event")).isEqualTo(CREATE);
    assertThat(first.getJsonObject("data").getJsonObject("sub_id").getString("uri")).isEqualTo("/Users/u0");
  }

  @Test
  void sseResumesAfterTwentyDisconnectsDuring2000WritesWithoutLossOrDuplicate() {
    Node n = node();
    List<Long> received = new ArrayList<>();
    SseClient sse = SseClient.open(n.vertx, n.port, "/Events", null);
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);
    var written = n.pacedBurst(2000, 1);
    int disconnects = 0;
    int writtenAtLastDisconnect = 0;
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (disconnects < 20 && sse.frames.size() >= 25) {
        writtenAtLastDisconnect = written.get();
        sse.disconnect();
        received.addAll(sse.ids());
        disconnects++;
        sse = SseClient.open(n.vertx, n.port, "/Events", received.get(received.size() - 1));
      } else if (disconnects == 20 && received.size() + sse.frames.size() >= 2000) {
        break;
      }
      sleep(2);
    }
    sleep(200); // a duplicate would arrive now
    received.addAll(sse.ids());
    assertThat(disconnects).isEqualTo(20);
    assertThat(writtenAtLastDisconnect).as("the last disconnect came while writes went on").isLessThan(2000);
    assertThat(received).containsExactlyElementsOf(range(1, 2000));
  }

  @Test
  void webSocketResumesAfterTwentyDisconnectsDuring2000WritesWithoutLossOrDuplicate() {
    Node n = node();
    List<Long> received = new ArrayList<>();
    WsClient ws = WsClient.open(n.vertx, n.port, "/Events");
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);
    var written = n.pacedBurst(2000, 1);
    int disconnects = 0;
    int writtenAtLastDisconnect = 0;
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (disconnects < 20 && ws.messages.size() >= 25) {
        writtenAtLastDisconnect = written.get();
        ws.disconnect();
        received.addAll(ws.ids());
        disconnects++;
        ws = WsClient.open(n.vertx, n.port, "/Events?lastEventId=" + received.get(received.size() - 1));
      } else if (disconnects == 20 && received.size() + ws.messages.size() >= 2000) {
        break;
      }
      sleep(2);
    }
    sleep(200);
    received.addAll(ws.ids());
    assertThat(disconnects).isEqualTo(20);
    assertThat(writtenAtLastDisconnect).as("the last disconnect came while writes went on").isLessThan(2000);
    assertThat(received).containsExactlyElementsOf(range(1, 2000));
  }

  @Test
  void resumeReplaysFromTheLogThenContinuesLive() {
    Node n = node();
    n.burst(30);
    SseClient sse = SseClient.open(n.vertx, n.port, "/Events?lastEventId=10", null);
    Node.eventually(5000, "replayed 11..30", () -> sse.frames.size() >= 20);
    n.burst(5);
    Node.eventually(5000, "live 31..35", () -> sse.frames.size() >= 25);
    sleep(100);
    assertThat(sse.ids()).containsExactlyElementsOf(range(11, 35));
  }

  @Test
  void lastEventIdHeaderWinsOverTheQueryParameter() {
    Node n = node();
    n.burst(10);
    SseClient sse = SseClient.open(n.vertx, n.port, "/Events?lastEventId=2", 7L);
    Node.eventually(5000, "replayed 8..10", () -> sse.frames.size() >= 3);
    sleep(100);
    assertThat(sse.ids()).containsExactly(8L, 9L, 10L);
  }

  @Test
  void filtersByResourceTypeAndEventType() {
    Node n = node();
    SseClient groups = SseClient.open(n.vertx, n.port, "/Events?types=Group", null);
    SseClient removals = SseClient.open(n.vertx, n.port, "/Events?events=delete,deactivate", null);
    SseClient userCreates = SseClient.open(n.vertx, n.port,
        "/Events?types=Users&events=" + TestChangeLog.PROV + "create:full", null);
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 3);

    n.write(Node.TENANT, "User", "u1", "create:full");                 // 1
    n.write(Node.TENANT, "Group", "g1", "create:full");                // 2
    n.write(Node.TENANT, "User", "u1", "put:full", "deactivate");      // 3
    n.write(Node.TENANT, "Group", "g1", "patch:full");                 // 4
    n.write(Node.TENANT, "User", "u1", "delete");                      // 5
    n.write(Node.TENANT, "User", "u2", "create:notice");               // 6
    n.write(Node.TENANT, "Group", "g2", "create:full");                // 7

    Node.eventually(5000, "filtered events", () -> groups.frames.size() >= 3 && removals.frames.size() >= 2
        && userCreates.frames.size() >= 1);
    sleep(200);
    assertThat(groups.ids()).containsExactly(2L, 4L, 7L);
    assertThat(removals.ids()).containsExactly(3L, 5L);
    assertThat(removals.frames.get(0).event()).isEqualTo(TestChangeLog.PROV + "put:full");
    assertThat(userCreates.ids()).containsExactly(1L);
  }

  @Test
  void rejectsAnUnknownEventTypeAndAMalformedLastEventId() {
    Node n = node();
    assertThat(SseClient.open(n.vertx, n.port, "/Events?events=created", null).status).isEqualTo(400);
    assertThat(SseClient.open(n.vertx, n.port, "/Events", -1L).status).isEqualTo(400);
    assertThat(SseClient.open(n.vertx, n.port, "/Events?lastEventId=abc", null).status).isEqualTo(400);
  }

  @Test
  void saysResetWhenTheLogNoLongerReachesBackThenContinuesFromTheOldest() {
    Node n = node();
    n.burst(10);
    log.prune(Node.TENANT, 7);

    SseClient sse = SseClient.open(n.vertx, n.port, "/Events", 3L);
    Node.eventually(5000, "reset and 7..10", () -> sse.frames.size() >= 5);
    SseClient.Frame reset = sse.frames.get(0);
    assertThat(reset.event()).isEqualTo("reset");
    assertThat(reset.id()).isNull();
    assertThat(reset.json().getLong("oldestSequence")).isEqualTo(7L);
    assertThat(reset.json().getString("reason")).isEqualTo("change log no longer reaches back to 4");
    assertThat(sse.ids()).containsExactly(7L, 8L, 9L, 10L);

    WsClient ws = WsClient.open(n.vertx, n.port, "/Events?lastEventId=3");
    Node.eventually(5000, "reset and 7..10 over WebSocket", () -> ws.messages.size() >= 5);
    assertThat(ws.messages.get(0).getString("event")).isEqualTo("reset");
    assertThat(ws.messages.get(0).getJsonObject("data").getLong("oldestSequence")).isEqualTo(7L);
    assertThat(ws.ids()).containsExactly(7L, 8L, 9L, 10L);

    SseClient upToDate = SseClient.open(n.vertx, n.port, "/Events", 6L);
    Node.eventually(5000, "7..10 without reset", () -> upToDate.frames.size() >= 4);
    sleep(100);
    assertThat(upToDate.frames).extracting(SseClient.Frame::event).doesNotContain("reset");
  }

  @Test
  void aSubscriberOfOneTenantNeverSeesAnother() {
    Node n = node();
    SseClient a = SseClient.open(n.vertx, n.port, "/t/a/Events", null);
    WsClient b = WsClient.open(n.vertx, n.port, "/t/b/Events");
    Node.eventually(5000, "subscribed", () -> n.subscribers("a") == 1 && n.subscribers("b") == 1);
    for (int i = 0; i < 50; i++) {
      n.write("b", "User", "b" + i, "create:full");
      n.write(i % 2 == 0 ? "a" : "c", "User", "a" + i, "create:full");
    }
    Node.eventually(5000, "a got 25, b got 50", () -> a.frames.size() >= 25 && b.messages.size() >= 50);
    SseClient replayA = SseClient.open(n.vertx, n.port, "/t/a/Events", 0L);
    Node.eventually(5000, "a replayed 25", () -> replayA.frames.size() >= 25);
    sleep(200);
    for (SseClient s : List.of(a, replayA)) {
      assertThat(s.ids()).containsExactlyElementsOf(range(1, 25));
      assertThat(s.frames).allSatisfy(f -> assertThat(f.data()).contains("/Users/a").doesNotContain("/Users/b"));
    }
    assertThat(b.ids()).containsExactlyElementsOf(range(1, 50));
    assertThat(b.messages).allSatisfy(m -> assertThat(m.encode()).doesNotContain("/Users/a"));
  }

  @Test
  void sendsHeartbeatsWhileIdle() {
    Node n = node(NotificationOptions.defaults().withHeartbeat(50));
    SseClient sse = SseClient.open(n.vertx, n.port, "/Events", null);
    Node.eventually(5000, "three keep-alive comments", () -> sse.comments.get() >= 4);
    assertThat(sse.frames).isEmpty();
  }

  @Test
  void disconnectsAClientThatStopsReadingAndKeepsItsQueueBounded() {
    int capacity = 200;
    Node n = node(NotificationOptions.defaults().withQueue(capacity, 300));
    SseClient slow = SseClient.open(n.vertx, n.port, "/Events", null);
    slow.response.pause();
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);
    var subscription = Node.await(n.feed.hub().subscriptions(Node.TENANT)).get(0);
    String padding = "x".repeat(4096);
    for (int i = 0; i < 4000; i++) {
      n.writePadded(Node.TENANT, "User", "u" + i, padding, "create:full");
    }

    Node.eventually(10_000, "the slow subscriber is dropped", () -> n.subscribers(Node.TENANT) == 0);
    assertThat(subscription.maxQueued()).isLessThanOrEqualTo(capacity);
    assertThat(subscription.queued()).isZero();
    slow.response.resume();
    Node.eventually(10_000, "the client sees its stream end", slow.ended::get);
    assertThat(slow.frames.size()).isLessThan(4000);

    // A fast subscriber on the same node is not affected and can resume where the slow one stopped.
    SseClient resumed = SseClient.open(n.vertx, n.port, "/Events", (long) slow.frames.size());
    Node.eventually(10_000, "the rest replayed", () -> resumed.frames.size() >= 4000 - slow.frames.size());
  }

  @Test
  void closesAWebSocketThatStopsReadingWithPolicyViolation() {
    Node n = node(NotificationOptions.defaults().withQueue(100, 300));
    WsClient slow = WsClient.open(n.vertx, n.port, "/Events");
    slow.ws.pause();
    Node.eventually(5000, "subscribed", () -> n.subscribers(Node.TENANT) == 1);
    String padding = "x".repeat(4096);
    for (int i = 0; i < 4000; i++) {
      n.writePadded(Node.TENANT, "User", "u" + i, padding, "create:full");
    }
    Node.eventually(10_000, "the slow subscriber is dropped", () -> n.subscribers(Node.TENANT) == 0);
    slow.ws.resume();
    Node.eventually(10_000, "the client sees the close", slow.closed::get);
    assertThat(slow.messages.size()).isLessThan(4000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
