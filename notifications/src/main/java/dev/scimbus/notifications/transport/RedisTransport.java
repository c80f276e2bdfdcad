package dev.scimbus.notifications.transport;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.logging.Logger;

/**
 * Fan-out through Redis Pub/Sub: each node publishes its committed rows as JSON on
 * {@code scimbus:changes:{tenant}} and listens to {@code scimbus:changes:*} on a dedicated
 * connection. That connection reconnects with exponential backoff and re-subscribes when it is
 * lost; since Pub/Sub drops what it could not deliver meanwhile, every reconnect asks the hub to
 * re-read the active tenants' logs. Publishing goes through a single pooled connection so that a
 * node's rows leave in commit order.
 */
public final class RedisTransport implements Transport {
  public static final String CHANNEL_PREFIX = "scimbus:changes:";
  private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

  private final Vertx vertx;
  private final NotificationOptions options;
  private Redis publisher;
  private Redis subscriberClient;
  private RedisConnection subscriber;
  private EventHub hub;
  private boolean stopped;
  private boolean publishFailing;
  private long delay;
  private long reconnectTimer = -1;
  private volatile boolean subscribed;

  public RedisTransport(Vertx vertx, NotificationOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.delay = options.reconnectMinMillis();
  }

  /** Whether the subscriber connection is up and subscribed, for readiness checks. */
  public boolean subscribed() {
    return subscribed;
  }

  /**
   * Succeeds once the first subscription attempt is over, even when Redis is down: the node then
   * serves its local subscribers from the log and keeps reconnecting.
   */
  @Override
  public Future<Void> start(EventHub hub) {
    this.hub = hub;
    publisher = Redis.createClient(vertx, redisOptions().setMaxPoolSize(1).setMaxPoolWaiting(100_000));
    subscriberClient = Redis.createClient(vertx, redisOptions().setMaxPoolSize(1));
    return connect().otherwiseEmpty();
  }

  @Override
  public Future<Void> publish(ChangeRow row) {
    Request publish = Request.cmd(Command.PUBLISH).arg(CHANNEL_PREFIX + row.tenant())
        .arg(Codecs.changeRowToJson(row).encode());
    return publisher.send(publish).<Void>mapEmpty().onComplete(ar -> {
      if (ar.failed() && !publishFailing) {
        publishFailing = true;
        LOG.warning("cannot publish change rows to Redis (" + ar.cause().getMessage()
            + "); other nodes will read them from the change log");
      } else if (ar.succeeded()) {
        publishFailing = false;
      }
    });
  }

  @Override
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(reconnectTimer);
    if (subscriber != null) {
      subscriber.close();
    }
    return Future.join(subscriberClient.close(), publisher.close()).mapEmpty();
  }

  private RedisOptions redisOptions() {
    return new RedisOptions().setConnectionString(options.redis());
  }

  private Future<Void> connect() {
    reconnectTimer = -1;
    return subscriberClient.connect().compose(conn -> {
      subscriber = conn;
      conn.handler(this::onMessage);
      conn.exceptionHandler(e -> lost(conn, e.getMessage()));
      conn.endHandler(v -> lost(conn, "connection closed"));
      return conn.send(Request.cmd(Command.PSUBSCRIBE).arg(CHANNEL_PREFIX + "*")).<Void>mapEmpty()
          .onFailure(e -> lost(conn, e.getMessage()));
    }).onSuccess(v -> {
      if (delay > options.reconnectMinMillis()) {
        LOG.info("change feed re-subscribed to Redis; reading the change log for what was missed");
      }
      delay = options.reconnectMinMillis();
      subscribed = true;
      // Anything published while we were away is gone from Pub/Sub: the log has it.
      hub.resync();
    }).onFailure(e -> lost(null, e.getMessage()));
  }

  private void lost(RedisConnection conn, String why) {
    if (stopped || conn != subscriber || reconnectTimer >= 0) {
      return;
    }
    if (subscribed) {
      LOG.warning("change feed lost its Redis subscription (" + why + "); reconnecting");
    }
    subscribed = false;
    subscriber = null;
    if (conn != null) {
      conn.close();
    }
    long wait = delay;
    delay = Math.min(delay * 2, options.reconnectMaxMillis());
    reconnectTimer = vertx.setTimer(wait, t -> connect());
  }

  private void onMessage(Response msg) {
    if ((msg.type() != ResponseType.PUSH && msg.type() != ResponseType.MULTI) || msg.size() < 3) {
      return;
    }
    String kind = msg.get(0).toString();
    Response payload = kind.equals("pmessage") && msg.size() >= 4 ? msg.get(3)
        : kind.equals("message") ? msg.get(2) : null;
    if (payload == null) {
      return;
    }
    try {
      hub.deliver(Codecs.changeRowFromJson(new JsonObject(payload.toBuffer())));
    } catch (RuntimeException e) {
      LOG.warning("ignoring a malformed change row on Redis: " + e.getMessage());
    }
  }
}
