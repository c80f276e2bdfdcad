package dev.scimbus.notifications.stream;

import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Handler;

/**
 * One subscriber's connection, whatever the protocol: the {@link Subscription} decides what to
 * send and when, a sink only frames it (SSE or WebSocket) and reports back-pressure.
 */
interface EventSink {
  void send(ChangeRow row);

  /** Tells the client that rows after {@code lastEventId} are gone from the log before {@code oldest}. */
  void reset(long lastEventId, long oldest);

  void heartbeat();

  boolean writeQueueFull();

  void drainHandler(Handler<Void> handler);

  /** Called once when the peer goes away, whoever closed. */
  void closeHandler(Handler<Void> handler);

  /** Closes with a reason the client can see; {@code slow} marks a client that stopped reading. */
  void close(String reason, boolean slow);
}
