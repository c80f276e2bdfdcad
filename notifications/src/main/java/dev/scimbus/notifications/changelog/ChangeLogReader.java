package dev.scimbus.notifications.changelog;

import dev.scimbus.notifications.NotificationAddresses;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Answers {@link ChangesRequest}s at {@link NotificationAddresses#CHANGES_READ} from a
 * {@link StorageProvider}'s change log, so that notifications reach the log over the event bus
 * like every other storage access. Deploy it on the node that owns the provider, sharing the
 * provider instance with the storage verticle; or call {@link #attach} from the storage verticle's
 * own {@code start()} when the provider must stay on one context.
 */
public final class ChangeLogReader extends VerticleBase {
  private static final int MAX_LIMIT = 10_000;
  private final StorageProvider provider;

  public ChangeLogReader(StorageProvider provider) {
    this.provider = provider;
  }

  @Override
  public Future<?> start() {
    return attach(vertx, provider).completion();
  }

  /** Registers the consumer on the caller's context; unregister it to stop answering. */
  public static MessageConsumer<ChangesRequest> attach(Vertx vertx, StorageProvider provider) {
    NotificationCodecs.register(vertx.eventBus());
    return vertx.eventBus().<ChangesRequest>consumer(NotificationAddresses.CHANGES_READ, msg -> {
      ChangesRequest req = msg.body();
      int limit = Math.max(1, Math.min(req.limit(), MAX_LIMIT));
      provider.changesAfter(req.tenant(), req.afterSequence(), limit)
          .compose(rows -> provider.oldestSequence(req.tenant()).map(oldest -> new ChangesReply(rows, oldest)))
          .onSuccess(msg::reply)
          .onFailure(e -> msg.fail(503, "change log unavailable: " + e.getMessage()));
    });
  }
}
