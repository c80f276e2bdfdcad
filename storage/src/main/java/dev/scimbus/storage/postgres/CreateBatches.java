package dev.scimbus.storage.postgres;

import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group commit for creates, on one event loop. A tenant's writes take its change-sequence row
 * lock from the end of their statement through COMMIT, so concurrent creates of one tenant commit
 * one after the other, each waiting for its own WAL flush. Here a create of a tenant that has no
 * create in flight on this loop is sent at once, alone; creates that arrive while one is in
 * flight wait for it and then go together as one multi-row statement — one lock hold, one
 * commit, one flush for all of them. Nothing waits on a timer, so a lone create is never delayed.
 *
 * <p>The creates of a batch commit or fail together. A unique or primary-key violation fails the
 * statement, and then the batch's creates are written again one by one, so only the one that
 * conflicts gets its 409 (the others would have succeeded alone, and do). Any other failure (the
 * database unavailable) fails every create of the batch with it, as it would have failed each.
 *
 * <p>Confined to the event loop that owns it: its lanes are touched only from that thread, and
 * the client runs the statements' callbacks there too.
 */
final class CreateBatches {
  /** Most creates in one statement. */
  static final int MAX_BATCH = 64;

  /** A create as the provider received it. */
  record Create(String tenant, StoredResource resource, List<UniqueKey> keys, ChangeDraft change) {}

  /** How creates are written: one alone (with its own error mapping), or several in one statement. */
  interface Writer {
    Future<Committed> one(PgSql sql, Create create);

    /** All of {@code creates} in one statement, their results in the same order. */
    Future<List<Committed>> many(PgSql sql, List<Create> creates);
  }

  private record Waiting(Create create, Promise<Committed> promise) {}

  private static final class Lane {
    final PgSql sql;
    final List<Waiting> queued = new ArrayList<>();

    Lane(PgSql sql) {
      this.sql = sql;
    }
  }

  private final Writer writer;
  /** Tenants (in their schema) with a create in flight on this loop. */
  private final Map<String, Lane> lanes = new HashMap<>();

  CreateBatches(Writer writer) {
    this.writer = writer;
  }

  Future<Committed> submit(PgSql sql, Create create) {
    String key = sql.schema + '\u0000' + create.tenant();
    Lane lane = lanes.get(key);
    if (lane != null) {
      Promise<Committed> promise = Promise.promise();
      lane.queued.add(new Waiting(create, promise));
      return promise.future();
    }
    lanes.put(key, new Lane(sql));
    return writer.one(sql, create).onComplete(ar -> next(key));
  }

  /** After a write of the lane: the creates that queued meanwhile go next, together; else the lane closes. */
  private void next(String key) {
    Lane lane = lanes.get(key);
    if (lane.queued.isEmpty()) {
      lanes.remove(key);
      return;
    }
    List<Waiting> batch = new ArrayList<>(lane.queued.subList(0, Math.min(MAX_BATCH, lane.queued.size())));
    lane.queued.subList(0, batch.size()).clear();
    if (batch.size() == 1) {
      Waiting w = batch.get(0);
      writer.one(lane.sql, w.create()).onComplete(w.promise()).onComplete(ar -> next(key));
      return;
    }
    writer.many(lane.sql, batch.stream().map(Waiting::create).toList()).onComplete(ar -> {
      if (ar.succeeded()) {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).promise().complete(ar.result().get(i));
        }
        next(key);
      } else if (PgErrors.isState(ar.cause(), PgErrors.UNIQUE_VIOLATION)) {
        oneByOne(lane.sql, batch, 0).onComplete(x -> next(key));
      } else {
        batch.forEach(w -> w.promise().fail(ar.cause()));
        next(key);
      }
    });
  }

  private Future<Void> oneByOne(PgSql sql, List<Waiting> batch, int from) {
    if (from == batch.size()) {
      return Future.succeededFuture();
    }
    Waiting w = batch.get(from);
    return writer.one(sql, w.create()).onComplete(w.promise()).transform(ar -> oneByOne(sql, batch, from + 1));
  }
}
