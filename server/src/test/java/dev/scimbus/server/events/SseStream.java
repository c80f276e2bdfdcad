package dev.scimbus.server.events;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * An authenticated SSE client of a running server's {@code /scim/v2/Events}: parses the stream the
 * way EventSource does and keeps every frame. Comment lines (subscribed, keep-alive) are skipped.
 */
final class SseStream implements AutoCloseable {
  record Frame(Long id, String event, String data) {
    JsonObject json() {
      return new JsonObject(data);
    }
  }

  final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private final HttpClient http;
  private Long id;
  private String event;
  private StringBuilder data;
  private HttpClientResponse response;

  private SseStream(HttpClient http) {
    this.http = http;
  }

  /** Opens the stream and returns once the response headers arrived (the subscription is registered). */
  static SseStream open(Vertx vertx, int port, String token, Long lastEventId) {
    SseStream s = new SseStream(vertx.createHttpClient());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port)
        .setURI("/scim/v2/Events").putHeader("Accept", "text/event-stream")
        .putHeader("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", Long.toString(lastEventId));
    }
    s.response = s.http.request(options).compose(req -> req.send()).map(resp -> {
      resp.handler(s::onChunk);
      return resp;
    }).await();
    return s;
  }

  int status() {
    return response.statusCode();
  }

  List<Long> ids() {
    return frames.stream().filter(f -> f.id() != null).map(Frame::id).toList();
  }

  @Override
  public void close() {
    http.close().await();
  }

  static void eventually(long millis, String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private synchronized void onChunk(Buffer chunk) {
    pending.append(chunk.toString());
    int nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      String line = pending.substring(0, nl);
      pending.delete(0, nl + 1);
      if (line.isEmpty()) {
        if (data != null) {
          frames.add(new Frame(id, event, data.toString()));
        }
        id = null;
        event = null;
        data = null;
      } else if (!line.startsWith(":")) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "id" -> id = Long.parseLong(value);
          case "event" -> event = value;
          case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> { }
        }
      }
    }
  }
}
