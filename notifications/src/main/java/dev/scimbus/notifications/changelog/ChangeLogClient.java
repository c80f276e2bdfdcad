package dev.scimbus.notifications.changelog;

import dev.scimbus.notifications.NotificationAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/** Reads a tenant's change log through the event bus; replies arrive on the caller's context. */
public final class ChangeLogClient {
  private final Vertx vertx;
  private final DeliveryOptions options;

  public ChangeLogClient(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    NotificationCodecs.register(vertx.eventBus());
  }

  public Future<ChangesReply> read(String tenant, long afterSequence, int limit) {
    return vertx.eventBus().<ChangesReply>request(NotificationAddresses.CHANGES_READ,
        new ChangesRequest(tenant, afterSequence, limit), options).map(Message::body);
  }
}
