package dev.scimbus.storage.postgres;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A queued caller's answer, delivered on the Vert.x context it asked from (or at once when it
 * asked from none): work queued by one event loop may be finished by another's I/O.
 */
record Reply<T>(Promise<T> promise, Context context) {
  /** An answer for the caller on the current thread. */
  static <T> Reply<T> here() {
    return new Reply<>(Promise.promise(), Vertx.currentContext());
  }

  Future<T> future() {
    return promise.future();
  }

  void settle(AsyncResult<T> result) {
    if (context == null) {
      promise.handle(result);
    } else {
      context.runOnContext(v -> promise.handle(result));
    }
  }
}
