package dev.scimbus.notifications;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real SSE client: reads the chunked body of a Vert.x HTTP response and parses it into frames
 * the way a browser's EventSource does (fields up to a blank line; comment lines ignored).
 */
final class SseClient {
  record Frame(Long id, String event, String data) {
    JsonObject json() {
      return new JsonObject(data);
    }
  }

  final List<Frame> frames = new CopyOnWriteArrayList<>();
  final AtomicBoolean ended = new AtomicBoolean();
  final java.util.concurrent.atomic.AtomicInteger comments = new java.util.concurrent.atomic.AtomicInteger();
  private final StringBuilder pending = new StringBuilder();
  private Long id;
  private String event;
  private StringBuilder data;
  volatile HttpClientResponse response;
  volatile int status;

  /** Opens the stream; {@code uri} may carry query parameters. Returns once headers arrived. */
  static SseClient open(Vertx vertx, int port, String uri, Long lastEventId) {
    SseClient client = new SseClient();
    HttpClient http = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port)
        .setURI(uri).putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", String.valueOf(lastEventId));
    }
    Node.await(http.request(options).compose(req -> req.send()).map(resp -> {
      client.response = resp;
      client.status = resp.statusCode();
      resp.handler(client::onChunk);
      resp.endHandler(v -> client.ended.set(true));
      resp.exceptionHandler(e -> client.ended.set(true));
      resp.request().connection().closeHandler(v -> client.ended.set(true));
      return resp;
    }));
    return client;
  }

  String contentType() {
    return response.getHeader("Content-Type");
  }

  /** Drops the TCP connection, as a network failure would. */
  void disconnect() {
    Node.await(response.request().connection().close());
  }

  List<Long> ids() {
    return frames.stream().filter(f -> f.id() != null).map(Frame::id).toList();
  }

  private synchronized void onChunk(Buffer chunk) {
    pending.append(chunk.toString());
    int nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      String line = pending.substring(0, nl);
      pending.delete(0, nl + 1);
      onLine(line);
    }
  }

  private void onLine(String line) {
    if (line.isEmpty()) {
      if (data != null) {
        frames.add(new Frame(id, event == null ? "message" : event, data.toString()));
      }
      id = null;
      event = null;
      data = null;
    } else if (line.startsWith(":")) {
      comments.incrementAndGet();
    } else {
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
