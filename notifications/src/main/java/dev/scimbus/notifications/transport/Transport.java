package dev.scimbus.notifications.transport;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;

/**
 * Carries committed change rows from the node that committed them to every node's
 * {@link EventHub}. Delivery may be at-most-once; the hub fills gaps from the change log.
 */
public interface Transport {
  /** Starts delivering rows (from any node) to {@code hub}. */
  Future<Void> start(EventHub hub);

  /** Hands one committed row of this node to every node; a failure only delays its delivery. */
  Future<Void> publish(ChangeRow row);

  Future<Void> stop();
}
