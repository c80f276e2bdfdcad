package dev.scimbus.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the read-modify-writes of one resource one after another on this node. Identity providers
 * patch one big group from many workers at once; optimistic versions keep that correct anyway,
 * but every loser would re-read and retry. Queueing them per resource turns that contention into
 * a short wait. Shared by every storage verticle instance of a node (across nodes the provider's
 * version check and the retries still decide).
 */
public final class WriteQueue {
  private final ConcurrentHashMap<String, Future<?>> tails = new ConcurrentHashMap<>();

  /** Starts {@code task} once every earlier task for {@code key} has finished, whatever its outcome. */
  public <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<T> mine = done.future();
    Future<?> previous = tails.put(key, mine);
    Future<?> turn = previous == null ? Future.succeededFuture() : previous.transform(x -> Future.succeededFuture());
    turn.onComplete(x -> {
      try {
        task.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    mine.onComplete(x -> tails.remove(key, mine));
    return mine;
  }
}
