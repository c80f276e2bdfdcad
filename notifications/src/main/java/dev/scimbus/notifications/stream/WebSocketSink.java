package dev.scimbus.notifications.stream;

import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/** Frames events as one JSON text message each: {@code {"id": seq, "event": uri, "data": {...}}}. */
final class WebSocketSink implements EventSink {
  /** RFC 6455 §7.4.1: policy violation, for a client that does not keep up. */
  static final short SLOW_CONSUMER = 1008;
  /** RFC 6455 §7.4.1 (IANA registry): try again later, for a transient server-side problem. */
  static final short TRY_AGAIN_LATER = 1013;
  private static final long FORCE_CLOSE_MILLIS = 2_000;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final HttpConnection connection;

  WebSocketSink(Vertx vertx, ServerWebSocket ws, HttpConnection connection) {
    this.vertx = vertx;
    this.ws = ws;
    this.connection = connection;
  }

  @Override
  public void send(ChangeRow row) {
    ws.writeTextMessage(new JsonObject().put("id", row.sequence()).put("event", EventFilter.firstEventUri(row))
        .put("data", row.event()).encode());
  }

  @Override
  public void reset(long lastEventId, long oldest) {
    ws.writeTextMessage(new JsonObject().put("event", "reset").put("data", new JsonObject()
        .put("reason", "change log no longer reaches back to " + (lastEventId + 1))
        .put("lastEventId", lastEventId).put("oldestSequence", oldest)).encode());
  }

  @Override
  public void heartbeat() {
    ws.writePing(Buffer.buffer());
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public void drainHandler(Handler<Void> handler) {
    ws.drainHandler(handler);
  }

  @Override
  public void closeHandler(Handler<Void> handler) {
    ws.closeHandler(handler);
  }

  @Override
  public void close(String reason, boolean slow) {
    if (ws.isClosed()) {
      return;
    }
    ws.close(slow ? SLOW_CONSUMER : TRY_AGAIN_LATER, reason);
    if (slow) {
      // The close frame waits behind data the client does not read; do not wait for its answer.
      vertx.setTimer(FORCE_CLOSE_MILLIS, t -> connection.close());
    }
  }
}
