package dev.scimbus.notifications;

import dev.scimbus.notifications.changelog.ChangeLogClient;
import dev.scimbus.notifications.changelog.NotificationCodecs;
import dev.scimbus.notifications.transport.LocalTransport;
import dev.scimbus.notifications.transport.RedisTransport;
import dev.scimbus.notifications.transport.Transport;
import dev.scimbus.storage.Addresses;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Takes the change rows this node commits (published at {@link Addresses#CHANGES}) and hands them
 * to the fan-out transport, Redis Pub/Sub when {@link NotificationOptions#redis()} is set and
 * local delivery otherwise; the transport feeds this node's {@link EventHub}, which lives on this
 * verticle's context. Deploy exactly one per node, then pass {@link #hub()} to the
 * {@code EventsHandler}.
 */
public final class ChangeFeedVerticle extends VerticleBase {
  private final NotificationOptions options;
  private EventHub hub;
  private volatile Transport transport;
  private MessageConsumer<ChangeRow> consumer;
  private long resyncTimer = -1;

  public ChangeFeedVerticle(NotificationOptions options) {
    this.options = options;
  }

  /** This node's hub; set once the verticle is deployed. */
  public EventHub hub() {
    return hub;
  }

  public Transport transport() {
    return transport;
  }

  /**
   * The fan-out for readiness checks: {@code LOCAL} without Redis, else {@code UP} while the Redis
   * subscription stands and {@code DOWN} while it is being re-established. Any thread.
   */
  public String fanoutStatus() {
    Transport t = transport;
    if (!(t instanceof RedisTransport redis)) {
      return "LOCAL";
    }
    return redis.subscribed() ? "UP" : "DOWN";
  }

  @Override
  public Future<?> start() {
    NotificationCodecs.register(vertx.eventBus());
    hub = new EventHub(vertx, context, new ChangeLogClient(vertx, options.readTimeoutMillis()),
        options.replayPageSize());
    transport = options.redis() == null ? new LocalTransport() : new RedisTransport(vertx, options);
    return transport.start(hub).compose(v -> {
      consumer = vertx.eventBus().localConsumer(Addresses.CHANGES, msg -> transport.publish(msg.body()));
      if (options.resyncMillis() > 0) {
        // A safety net for a lost message at the tail of a burst, which no later row reveals.
        resyncTimer = vertx.setPeriodic(options.resyncMillis(), t -> hub.resync());
      }
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(resyncTimer);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.compose(v -> transport.stop());
  }
}
