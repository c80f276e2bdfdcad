package dev.scimbus.storage.postgres;

import dev.scimbus.storage.spi.StorageException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers change rows a write left pending (committed with no sequence number because another
 * transaction of the tenant held its numbering lock; see {@code V3__change_numbering.sql}). A
 * write that got no number asks here and is answered once a numbering transaction
 * ({@code scimbus_number}) has numbered it: one such transaction per tenant in flight on this
 * node, and the pending rows that arrive meanwhile all go into the next one, so a busy tenant's
 * writes commit in parallel and share one numbering commit.
 *
 * <p>Threads: rounds are guarded by their map's lock, held only to queue or take waiters, never
 * across I/O; each waiter is answered on the context it asked from.
 */
final class ChangeNumbering {
  /** The number and time a change row was given. */
  record Numbered(long seq, Instant committedAt) {}

  /** Runs one numbering transaction: numbers every pending row of the tenant, answers for {@code ids}. */
  interface Numberer {
    Future<Map<Long, Numbered>> number(PgSql sql, String tenant, long[] ids);
  }

  private record Waiting(long id, Reply<Numbered> reply) {}

  private static final class Round {
    final PgSql sql;
    final String tenant;
    final List<Waiting> queued = new ArrayList<>();

    Round(PgSql sql, String tenant) {
      this.sql = sql;
      this.tenant = tenant;
    }
  }

  private final Numberer numberer;
  /** Tenants (in their schema) with a numbering transaction in flight. */
  private final Map<String, Round> rounds = new HashMap<>();

  ChangeNumbering(Numberer numberer) {
    this.numberer = numberer;
  }

  /** The number of pending change row {@code id}, once a numbering transaction has given it one. */
  Future<Numbered> numberOf(PgSql sql, String tenant, long id) {
    String key = sql.schema + '\u0000' + tenant;
    Waiting w = new Waiting(id, Reply.here());
    boolean start;
    synchronized (rounds) {
      Round round = rounds.get(key);
      start = round == null;
      if (start) {
        round = new Round(sql, tenant);
        rounds.put(key, round);
      }
      round.queued.add(w);
    }
    if (start) {
      run(key);
    }
    return w.reply().future();
  }

  /** Numbers what is queued for the tenant, then what queued meanwhile; closes when nothing is. */
  private void run(String key) {
    Round round;
    List<Waiting> batch;
    synchronized (rounds) {
      round = rounds.get(key);
      if (round.queued.isEmpty()) {
        rounds.remove(key);
        return;
      }
      batch = new ArrayList<>(round.queued);
      round.queued.clear();
    }
    long[] ids = batch.stream().mapToLong(Waiting::id).toArray();
    Future<Map<Long, Numbered>> done;
    try {
      done = numberer.number(round.sql, round.tenant, ids);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> {
      for (Waiting w : batch) {
        if (ar.failed()) {
          w.reply().settle(Future.failedFuture(ar.cause()));
        } else {
          Numbered n = ar.result().get(w.id());
          w.reply().settle(n != null ? Future.succeededFuture(n)
              : Future.failedFuture(StorageException.unavailable("change row " + w.id()
                  + " left the change log before it was numbered (retention shorter than a write?)", null)));
        }
      }
      run(key);
    });
  }

  /** For a periodic sweep: numbers whatever is pending for the tenant (rows of writers that died). */
  Future<Void> sweep(PgSql sql, String tenant) {
    return numberer.number(sql, tenant, new long[0]).mapEmpty();
  }
}
