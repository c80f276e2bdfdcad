package dev.scimbus.notifications.transport;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;

/** Single-node fan-out: a row committed here goes straight to this node's hub. */
public final class LocalTransport implements Transport {
  private EventHub hub;

  @Override
  public Future<Void> start(EventHub hub) {
    this.hub = hub;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> publish(ChangeRow row) {
    hub.deliver(row);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }
}
