package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reader that resumes "after N" must never skip a change that commits later with a smaller
 * number. Many writers of one tenant commit concurrently while a reader keeps resuming from the
 * last sequence it saw: every batch it gets must continue exactly where it stopped (no sequence
 * at or below one it passed, no hole it would have to come back for), and in the end it has seen
 * every committed write exactly once.
 */
class PostgresChangeSequenceTest {
  private static final String TENANT = "seq-tenant";
  private static Vertx vertx;
  private static PostgresStorageProvider provider;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    PostgresConfig db = PgTestServer.get().newDatabase();
    provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(), PgTestServer.uri(db, "poolSize=24"));
    provider.start().await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void readersResumingAfterASequenceNeverSkipALaterCommit() throws Exception {
    int writers = 24;
    int writesPerWriter = 25;
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Long> seen = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    Thread reader = new Thread(() -> {
      long last = 0;
      while (true) {
        boolean stillWriting = writing.get();
        List<ChangeRow> batch = await(provider.changesAfter(TENANT, last, 7));
        for (ChangeRow row : batch) {
          if (row.sequence() != last + 1) {
            violations.add("after " + last + " got " + row.sequence());
          }
          last = Math.max(last, row.sequence());
          seen.add(row.sequence());
        }
        if (batch.isEmpty() && !stillWriting) {
          return;
        }
      }
    });
    reader.start();

    List<Future<Void>> chains = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < writesPerWriter; i++) {
        int n = i;
        chain = chain.compose(v -> write(writer, n));
      }
      chains.add(chain);
    }
    Future.all(chains).await(120, TimeUnit.SECONDS);
    writing.set(false);
    reader.join(60_000);

    int total = writers * writesPerWriter;
    assertThat(violations).isEmpty();
    assertThat(seen).hasSize(total).doesNotHaveDuplicates();
    List<Long> all = await(provider.changesAfter(TENANT, 0, 10_000)).stream().map(ChangeRow::sequence).toList();
    assertThat(all).hasSize(total);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i)).isEqualTo(i + 1L);
    }
  }

  /** Each writer creates one resource and then replaces it, so inserts and updates interleave. */
  private static Future<Void> write(int writer, int n) {
    String id = "w" + writer;
    Instant now = Instant.now();
    JsonObject data = new JsonObject().put("id", id).put("userName", "user" + writer).put("nickName", "n" + n);
    ChangeDraft draft = new ChangeDraft("User", id, n == 0 ? "create" : "put", n + 1, new JsonObject().put("n", n));
    StoredResource r = new StoredResource("User", id, n + 1, now, now, data);
    Future<Committed> f = n == 0 ? provider.insert(TENANT, r, List.of(), draft)
        : provider.replace(TENANT, r, n, List.of(), draft);
    return f.mapEmpty();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
