package dev.scimbus.notifications;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real WebSocket client of the events stream, collecting every JSON text message. */
final class WsClient {
  final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  final AtomicBoolean closed = new AtomicBoolean();
  volatile Short closeStatus;
  volatile String closeReason;
  WebSocket ws;

  static WsClient open(Vertx vertx, int port, String uri) {
    WsClient client = new WsClient();
    // Handlers go on before the future returns: a replay starts as soon as the upgrade is done.
    client.ws = Node.await(vertx.createWebSocketClient()
        .connect(new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(uri)).map(ws -> {
          ws.textMessageHandler(text -> client.messages.add(new JsonObject(text)));
          ws.closeHandler(v -> {
            client.closeStatus = ws.closeStatusCode();
            client.closeReason = ws.closeReason();
            client.closed.set(true);
          });
          return ws;
        }));
    return client;
  }

  List<Long> ids() {
    return messages.stream().filter(m -> m.containsKey("id")).map(m -> m.getLong("id")).toList();
  }

  void disconnect() {
    Node.await(ws.close());
  }
}
