package dev.scimbus.notifications;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Tunables of the change feed and of every event stream. {@code redis} is null for local
 * delivery; otherwise a {@code redis://} URI of the Pub/Sub server that connects the nodes.
 *
 * @param queueCapacity live events a subscriber may have waiting before it counts as slow
 * @param writeStallMillis how long a subscriber's HTTP write queue may stay full before it is closed
 * @param heartbeatMillis interval of SSE keep-alive comments and WebSocket pings
 * @param replayPageSize change rows fetched per {@code ChangesRequest} during replay and gap fill
 * @param resyncMillis interval at which the hub re-reads each active tenant's log tail (0 = never)
 * @param readTimeoutMillis timeout of one {@code ChangesRequest}
 * @param reconnectMinMillis first delay before the Redis subscriber reconnects; doubles up to max
 * @param reconnectMaxMillis upper bound of the Redis reconnect delay
 */
public record NotificationOptions(String redis, int queueCapacity, long writeStallMillis, long heartbeatMillis,
    int replayPageSize, long resyncMillis, long readTimeoutMillis, long reconnectMinMillis, long reconnectMaxMillis) {

  public static NotificationOptions defaults() {
    return new NotificationOptions(null, 1000, 10_000, 15_000, 500, 30_000, 10_000, 100, 5_000);
  }

  /**
   * Reads the keys {@code redis}, {@code queueCapacity}, {@code writeStallMillis},
   * {@code heartbeatMillis}, {@code replayPageSize}, {@code resyncMillis},
   * {@code readTimeoutMillis}, {@code reconnectMinMillis}, {@code reconnectMaxMillis} from
   * {@code config}; an absent {@code redis} falls back to the {@code SCIMBUS_REDIS} entry of
   * {@code env}. Absent keys keep their defaults.
   */
  public static NotificationOptions from(JsonObject config, Map<String, String> env) {
    NotificationOptions d = defaults();
    String redis = config.getString("redis", env.get("SCIMBUS_REDIS"));
    return new NotificationOptions(redis == null || redis.isBlank() ? null : redis,
        config.getInteger("queueCapacity", d.queueCapacity()),
        config.getLong("writeStallMillis", d.writeStallMillis()),
        config.getLong("heartbeatMillis", d.heartbeatMillis()),
        config.getInteger("replayPageSize", d.replayPageSize()),
        config.getLong("resyncMillis", d.resyncMillis()),
        config.getLong("readTimeoutMillis", d.readTimeoutMillis()),
        config.getLong("reconnectMinMillis", d.reconnectMinMillis()),
        config.getLong("reconnectMaxMillis", d.reconnectMaxMillis()));
  }

  public NotificationOptions withRedis(String uri) {
    return new NotificationOptions(uri, queueCapacity, writeStallMillis, heartbeatMillis, replayPageSize, resyncMillis,
        readTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }

  public NotificationOptions withQueue(int capacity, long stallMillis) {
    return new NotificationOptions(redis, capacity, stallMillis, heartbeatMillis, replayPageSize, resyncMillis,
        readTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }

  public NotificationOptions withHeartbeat(long millis) {
    return new NotificationOptions(redis, queueCapacity, writeStallMillis, millis, replayPageSize, resyncMillis,
        readTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }

  public NotificationOptions withReplayPageSize(int size) {
    return new NotificationOptions(redis, queueCapacity, writeStallMillis, heartbeatMillis, size, resyncMillis,
        readTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }
}
