package dev.scimbus.notifications;

import dev.scimbus.notifications.changelog.ChangeLogReader;
import dev.scimbus.notifications.stream.EventsHandler;
import dev.scimbus.storage.Addresses;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * One scimbus "node" for the tests: its own Vert.x, a change-log reader over the shared log, the
 * change feed, and an HTTP server that mounts the events handler for fixed tenants
 * ({@code /Events} is tenant {@code acme}, {@code /t/{tenant}/Events} any other).
 */
final class Node implements AutoCloseable {
  static final String TENANT = "acme";
  final Vertx vertx = Vertx.vertx();
  final TestChangeLog log;
  final ChangeFeedVerticle feed;
  final int port;

  Node(TestChangeLog log, NotificationOptions options) {
    this.log = log;
    this.feed = new ChangeFeedVerticle(options);
    await(vertx.deployVerticle(new ChangeLogReader(log)));
    await(vertx.deployVerticle(feed));
    EventsHandler events = new EventsHandler(vertx, feed.hub(), options);
    Router router = Router.router(vertx);
    router.get("/Events").handler(ctx -> events.handle(ctx, TENANT));
    router.get("/t/:tenant/Events").handler(ctx -> events.handle(ctx, ctx.pathParam("tenant")));
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    this.port = server.actualPort();
  }

  /** Commits a change to the log and announces it on the bus, as the storage verticle does. */
  ChangeRow write(String tenant, String type, String id, String... events) {
    return writePadded(tenant, type, id, "", events);
  }

  ChangeRow writePadded(String tenant, String type, String id, String padding, String... events) {
    ChangeRow row = log.append(tenant, type, id, padding, events);
    vertx.eventBus().publish(Addresses.CHANGES, row);
    return row;
  }

  /** {@code n} creates of users in tenant {@code acme}. */
  void burst(int n) {
    for (int i = 0; i < n; i++) {
      write(TENANT, "User", "u" + i, "create:full");
    }
  }

  int subscribers(String tenant) {
    return await(feed.hub().subscriberCount(tenant));
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@code millis}. */
  static void eventually(long millis, String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Writes {@code total} user creates from the node's event loop, {@code perTick} every millisecond. */
  java.util.concurrent.atomic.AtomicInteger pacedBurst(int total, int perTick) {
    java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    vertx.setPeriodic(1, t -> {
      for (int i = 0; i < perTick && written.get() < total; i++) {
        write(TENANT, "User", "u" + written.getAndIncrement(), "create:full");
      }
      if (written.get() >= total) {
        vertx.cancelTimer(t);
      }
    });
    return written;
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
