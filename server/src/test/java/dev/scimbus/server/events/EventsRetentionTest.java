package dev.scimbus.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.notifications.changelog.RetentionOptions;
import dev.scimbus.server.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention as a client of {@code /scim/v2/Events} sees it: after the node pruned the change log,
 * a client resuming from an event the log no longer holds first gets an explicit reset event, then
 * every event the log still has, then live ones; a client that is not behind gets no reset.
 */
@Timeout(60)
class EventsRetentionTest {
  @TempDir
  Path dir;
  private TestServers node;

  @BeforeEach
  void start() {
    node = TestServers.start(TestServers.config(dir)
        .withRetention(new RetentionOptions(Duration.ZERO, 3, Duration.ofHours(1))));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private void createUsers(int from, int to) {
    for (int i = from; i <= to; i++) {
      assertThat(node.post("/scim/v2/Users", TestServers.user("user" + i)).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void resumingFromAPrunedEventGivesAResetThenTheRestThenLiveEvents() {
    createUsers(1, 10);
    assertThat(node.server.retention().runOnce().await()).isEqualTo(7L);

    try (SseStream sse = SseStream.open(node.clientVertx, node.server.port(), TestServers.ACME, 2L)) {
      SseStream.eventually(5000, "reset and events 8..10", () -> sse.frames.size() >= 4);
      SseStream.Frame reset = sse.frames.get(0);
      assertThat(reset.event()).isEqualTo("reset");
      assertThat(reset.id()).isNull();
      assertThat(reset.json().getLong("lastEventId")).isEqualTo(2L);
      assertThat(reset.json().getLong("oldestSequence")).isEqualTo(8L);
      assertThat(sse.ids()).containsExactly(8L, 9L, 10L);

      createUsers(11, 11);
      SseStream.eventually(5000, "the live event 11", () -> sse.ids().size() == 4);
      assertThat(sse.ids()).containsExactly(8L, 9L, 10L, 11L);
      assertThat(sse.frames).filteredOn(f -> "reset".equals(f.event())).hasSize(1);
    }
  }

  @Test
  void aClientThatIsNotBehindTheLogGetsNoReset() throws InterruptedException {
    createUsers(1, 10);
    node.server.retention().runOnce().await();

    try (SseStream sse = SseStream.open(node.clientVertx, node.server.port(), TestServers.ACME, 7L)) {
      SseStream.eventually(5000, "events 8..10", () -> sse.ids().size() >= 3);
      Thread.sleep(100);
      assertThat(sse.ids()).containsExactly(8L, 9L, 10L);
      assertThat(sse.frames).extracting(SseStream.Frame::event).doesNotContain("reset");
    }
  }
}
