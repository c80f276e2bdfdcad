package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writes of a tenant do not wait for each other's numbering (V3__change_numbering.sql): a write
 * that finds the tenant's numbering lock taken commits at once with its change row pending —
 * invisible to readers of the change log — and is answered with its number once the lock is free,
 * in commit order, with no gap. Rows a writer left pending when it died are numbered when a
 * server starts.
 */
class PostgresChangeNumberingTest extends FreshProviderTest {
  private static final String TENANT = "numbering-tenant";
  /** The advisory lock class of V3__change_numbering.sql. */
  private static final String TAKE_LOCK = "SELECT pg_advisory_xact_lock(1935894893, hashtext($1))";

  @Test
  void writesFindingTheNumberingLockTakenCommitPendingAndAreNumberedInOrderWhenItIsFree() throws Exception {
    create("a", "alice").await(10, TimeUnit.SECONDS);
    SqlConnection holder = holdNumberingLock();
    Future<Committed> b;
    Future<Committed> a2;
    Future<Committed> c;
    try {
      b = create("b", "bob");
      waitForRows("SELECT count(*) FROM resources WHERE tenant = $1 AND id = 'b'", 1);
      a2 = replace("a", "alice2", 1);
      waitForRows("SELECT count(*) FROM resources WHERE tenant = $1 AND id = 'a' AND version = 2", 1);
      c = create("c", "carol");
      // all three are committed (visible to another connection) without waiting for the lock …
      waitForRows("SELECT count(*) FROM changes WHERE tenant = $1 AND seq IS NULL", 3);
      // … but not numbered: readers see nothing after 1, and the writers have no answer yet
      assertThat(provider.changesAfter(TENANT, 0, 100).await(10, TimeUnit.SECONDS))
          .extracting(ChangeRow::sequence).containsExactly(1L);
      assertThat(List.of(b, a2, c)).noneMatch(Future::isComplete);
    } finally {
      release(holder);
    }
    // the writers are answered with the numbers of their commits, and the next write continues after them
    assertThat(List.of(b, a2, c)).extracting(f -> f.await(10, TimeUnit.SECONDS).change().sequence())
        .containsExactly(2L, 3L, 4L);
    assertThat(create("d", "dave").await(10, TimeUnit.SECONDS).change().sequence()).isEqualTo(5);
    List<ChangeRow> log = provider.changesAfter(TENANT, 0, 100).await(10, TimeUnit.SECONDS);
    assertThat(log).extracting(ChangeRow::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(log).extracting(r -> r.resourceId() + "@" + r.version())
        .containsExactly("a@1", "b@1", "a@2", "c@1", "d@1");
    assertThat(log).extracting(ChangeRow::committedAt).isSorted();
  }

  @Test
  void theWritersOfPendingRowsGetTheNumbersTheLogShows() throws Exception {
    SqlConnection holder = holdNumberingLock();
    Future<Committed> first;
    Future<Committed> second;
    try {
      first = create("x", "xena");
      waitForRows("SELECT count(*) FROM changes WHERE tenant = $1 AND seq IS NULL", 1);
      second = create("y", "yuri");
      waitForRows("SELECT count(*) FROM changes WHERE tenant = $1 AND seq IS NULL", 2);
    } finally {
      release(holder);
    }
    assertThat(first.await(10, TimeUnit.SECONDS).change().sequence()).isEqualTo(1);
    assertThat(second.await(10, TimeUnit.SECONDS).change().sequence()).isEqualTo(2);
    assertThat(first.result().change().resourceId()).isEqualTo("x");
  }

  @Test
  void rowsLeftPendingByAWriterThatDiedAreNumberedWhenAServerStarts() throws Exception {
    create("a", "alice").await(10, TimeUnit.SECONDS);
    // what a writer leaves when it dies between its commit and its numbering
    provider.primaryPool().preparedQuery("INSERT INTO changes (tenant, seq, committed_at, type, resource_id, operation,"
        + " version, event) VALUES ($1, NULL, now(), 'User', 'ghost', 'create', 1, '{}')").execute(Tuple.of(TENANT))
        .await(10, TimeUnit.SECONDS);
    assertThat(provider.changesAfter(TENANT, 0, 100).await(10, TimeUnit.SECONDS)).hasSize(1);

    PostgresStorageProvider restarted = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(), uri);
    restarted.start().await(60, TimeUnit.SECONDS);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<ChangeRow> log;
      do {
        log = restarted.changesAfter(TENANT, 0, 100).await(10, TimeUnit.SECONDS);
      } while (log.size() < 2 && System.nanoTime() < deadline && sleep());
      assertThat(log).extracting(r -> r.sequence() + ":" + r.resourceId()).containsExactly("1:a", "2:ghost");
    } finally {
      restarted.stop().await(10, TimeUnit.SECONDS);
    }
  }

  /** A connection in a transaction that holds the tenant's numbering lock, as a numbering writer would. */
  private SqlConnection holdNumberingLock() throws Exception {
    SqlConnection holder = ((Pool) provider.primaryPool()).getConnection().await(10, TimeUnit.SECONDS);
    holder.query("BEGIN").execute().await(10, TimeUnit.SECONDS);
    holder.preparedQuery(TAKE_LOCK).execute(Tuple.of(TENANT)).await(10, TimeUnit.SECONDS);
    return holder;
  }

  private static void release(SqlConnection holder) throws Exception {
    holder.query("COMMIT").execute().await(10, TimeUnit.SECONDS);
    holder.close().await(10, TimeUnit.SECONDS);
  }

  private Future<Committed> create(String id, String userName) {
    Instant now = Instant.now();
    return provider.insert(TENANT, new StoredResource("User", id, 1, now, now,
            new JsonObject().put("id", id).put("userName", userName)),
        List.of(new UniqueKey("userName", userName)), new ChangeDraft("User", id, "create", 1, new JsonObject()));
  }

  private Future<Committed> replace(String id, String userName, long version) {
    Instant now = Instant.now();
    return provider.replace(TENANT, new StoredResource("User", id, version + 1, now, now,
            new JsonObject().put("id", id).put("userName", userName)), version,
        List.of(new UniqueKey("userName", userName)), new ChangeDraft("User", id, "put", version + 1, new JsonObject()));
  }

  /** Polls {@code countQuery} (tenant as $1) from another connection until it answers {@code expected}. */
  private void waitForRows(String countQuery, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long count;
    do {
      count = provider.primaryPool().preparedQuery(countQuery).execute(Tuple.of(TENANT))
          .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    } while (count != expected && System.nanoTime() < deadline && sleep());
    assertThat(count).as(countQuery).isEqualTo(expected);
  }

  private static boolean sleep() {
    try {
      Thread.sleep(20);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
