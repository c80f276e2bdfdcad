package dev.scimbus.notifications.stream;

import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Frames events as {@code text/event-stream}: {@code id:} the tenant sequence, {@code event:} the URI. */
final class SseSink implements EventSink {
  private final HttpServerRequest request;
  private final HttpServerResponse response;

  SseSink(HttpServerRequest request) {
    this.request = request;
    this.response = request.response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    // Sends the headers now, so that a client knows it is subscribed before the first event.
    response.write(": subscribed\n\n");
  }

  @Override
  public void send(ChangeRow row) {
    response.write("id: " + row.sequence() + "\nevent: " + EventFilter.firstEventUri(row) + "\ndata: "
        + row.event().encode() + "\n\n");
  }

  @Override
  public void reset(long lastEventId, long oldest) {
    JsonObject data = new JsonObject()
        .put("reason", "change log no longer reaches back to " + (lastEventId + 1))
        .put("lastEventId", lastEventId).put("oldestSequence", oldest);
    response.write("event: reset\ndata: " + data.encode() + "\n\n");
  }

  @Override
  public void heartbeat() {
    response.write(": keep-alive\n\n");
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public void drainHandler(Handler<Void> handler) {
    response.drainHandler(handler);
  }

  @Override
  public void closeHandler(Handler<Void> handler) {
    response.closeHandler(handler);
  }

  @Override
  public void close(String reason, boolean slow) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.write("event: error\ndata: " + new JsonObject().put("reason", reason).encode() + "\n\n");
    if (slow) {
      // A client that stopped reading would keep end() pending forever: drop the connection.
      request.connection().close();
    } else {
      response.end();
    }
  }
}
