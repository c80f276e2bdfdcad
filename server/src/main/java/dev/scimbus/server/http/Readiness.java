package dev.scimbus.server.http;

import dev.scimbus.storage.Addresses;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /ready}: whether this node can serve. The storage check sends the storage verticle a
 * read of a resource that cannot exist (in a tenant no credential can name) over the event bus,
 * so it covers the verticle, its backend and the bus: a SCIM answer, 404 included, is UP; a 503,
 * a timeout or no handler is DOWN. The fan-out check is {@code LOCAL} without Redis, else the
 * state of the Redis subscription. 200 when nothing is DOWN, 503 otherwise.
 */
final class Readiness {
  /** Not a valid tenant name in configuration or paths, so no real tenant is ever touched. */
  static final String PROBE_TENANT = "-ready-probe";

  private final Vertx vertx;
  private final Supplier<String> fanout;
  private final DeliveryOptions delivery;

  Readiness(Vertx vertx, Supplier<String> fanout, long timeoutMillis) {
    this.vertx = vertx;
    this.fanout = fanout;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  void handle(RoutingContext ctx) {
    storage().onComplete(ar -> {
      String storage = ar.result();
      String feed = fanout.get();
      boolean up = "UP".equals(storage) && !"DOWN".equals(feed);
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("checks", new JsonObject().put("storage", storage).put("fanout", feed));
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.toBuffer());
    });
  }

  private Future<String> storage() {
    StorageRequest probe = new StorageRequest(Operation.GET, PROBE_TENANT, "User", "ready-probe", null, null,
        QueryParams.NONE, "http://localhost/scim/v2");
    return vertx.eventBus().request(Addresses.STORAGE, probe, delivery).transform(ar -> {
      boolean answered = ar.succeeded()
          || ar.cause() instanceof ReplyException re && re.failureCode() > 0 && re.failureCode() < 500;
      return Future.succeededFuture(answered ? "UP" : "DOWN");
    });
  }
}
