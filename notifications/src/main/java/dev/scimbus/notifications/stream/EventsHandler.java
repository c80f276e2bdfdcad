package dev.scimbus.notifications.stream;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.notifications.changelog.ChangeLogClient;
import dev.scimbus.scim.ScimError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Logger;

/**
 * The {@code GET /Events} endpoint, for the HTTP verticle to call once authentication has resolved
 * the tenant: a Server-Sent Events stream, or the same stream over WebSocket when the request
 * asks for an upgrade. Query parameters {@code types} and {@code events} filter (comma-separated);
 * {@code Last-Event-ID} (header) or {@code lastEventId} (query) resumes after that sequence. Bad
 * parameters fail the context with a 400 {@link ScimError}. The route must not have a body handler,
 * which would consume the request before a WebSocket upgrade.
 */
public final class EventsHandler {
  private static final Logger LOG = Logger.getLogger(EventsHandler.class.getName());

  private final Vertx vertx;
  private final EventHub hub;
  private final ChangeLogClient log;
  private final NotificationOptions options;

  public EventsHandler(Vertx vertx, EventHub hub, NotificationOptions options) {
    this.vertx = vertx;
    this.hub = hub;
    this.options = options;
    this.log = new ChangeLogClient(vertx, options.readTimeoutMillis());
  }

  /** SSE, or WebSocket when the request carries {@code Upgrade: websocket}. */
  public void handle(RoutingContext ctx, String tenant) {
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      websocket(ctx, tenant);
    } else {
      sse(ctx, tenant);
    }
  }

  public void sse(RoutingContext ctx, String tenant) {
    StreamParams params = params(ctx);
    if (params != null) {
      subscribe(tenant, params, new SseSink(ctx.request()));
    }
  }

  public void websocket(RoutingContext ctx, String tenant) {
    StreamParams params = params(ctx);
    if (params == null) {
      return;
    }
    HttpServerRequest request = ctx.request();
    request.toWebSocket()
        .onSuccess(ws -> subscribe(tenant, params, new WebSocketSink(vertx, ws, request.connection())))
        .onFailure(e -> LOG.fine("WebSocket upgrade of the events stream failed: " + e.getMessage()));
  }

  private void subscribe(String tenant, StreamParams params, EventSink sink) {
    new Subscription(vertx, tenant, params.filter(), sink, hub, log, options, params.lastEventId()).start();
  }

  private record StreamParams(EventFilter filter, Long lastEventId) {}

  // Null after failing the context with the ScimError that says what is wrong.
  private static StreamParams params(RoutingContext ctx) {
    try {
      HttpServerRequest req = ctx.request();
      EventFilter filter = EventFilter.parse(req.getParam("types"), req.getParam("events"));
      String header = req.getHeader("Last-Event-ID");
      String query = req.getParam("lastEventId");
      return new StreamParams(filter, lastEventId(header != null ? header : query,
          header != null ? "Last-Event-ID header" : "lastEventId parameter"));
    } catch (ScimError e) {
      ctx.fail(e.status(), e);
      return null;
    }
  }

  private static Long lastEventId(String value, String where) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(value.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ScimError.invalidValue("The " + where + " must be a change sequence (a non-negative integer), got '"
        + value + "'");
  }
}
