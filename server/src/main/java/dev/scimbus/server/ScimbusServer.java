package dev.scimbus.server;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.auth.JwtVerifier;
import dev.scimbus.server.auth.TokenBootstrap;
import dev.scimbus.server.auth.TokenRegistry;
import dev.scimbus.server.config.SchemaDocuments;
import dev.scimbus.server.config.ServerConfig;
import dev.scimbus.notifications.ChangeFeedVerticle;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.notifications.changelog.ChangeLogReader;
import dev.scimbus.notifications.changelog.ChangeLogRetention;
import dev.scimbus.notifications.changelog.RetentionOptions;
import dev.scimbus.server.http.ScimHttpVerticle;
import dev.scimbus.server.limits.RateLimiter;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running scimbus node: one Vert.x instance with the storage verticle of the configured backend,
 * the change-log reader, retention task and change feed of the notifications module, and {@code http.instances}
 * HTTP verticles. {@code scimbus serve} and the tests start it the same
 * way, through {@link #start(ServerConfig)}.
 */
public final class ScimbusServer {
  private static final Logger LOG = LoggerFactory.getLogger(ScimbusServer.class);

  private final Vertx vertx;
  private final int port;
  private final ServerConfig config;
  private final ChangeLogRetention retention;

  private ScimbusServer(Vertx vertx, int port, ServerConfig config, ChangeLogRetention retention) {
    this.vertx = vertx;
    this.port = port;
    this.config = config;
    this.retention = retention;
  }

  /** Starts a node; a new API token, if one has to be created, is printed to stdout. */
  public static Future<ScimbusServer> start(ServerConfig config) {
    return start(config, System.out);
  }

  /** Starts a node, printing a newly created API token (never anything else) to {@code out}. */
  public static Future<ScimbusServer> start(ServerConfig config, PrintStream out) {
    TokenRegistry tokens;
    try {
      StorageFactory.check(config.storage());
      tokens = TokenBootstrap.resolve(config, out);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // As many event loops as HTTP instances: each loop then runs one HTTP and one storage
    // verticle, and requests reach storage without changing threads (Addresses.storageFor).
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.http().instances())
        .setPreferNativeTransport(true));
    List<ScimHttpVerticle> http = new CopyOnWriteArrayList<>();
    ChangeFeedVerticle feed = new ChangeFeedVerticle(NotificationOptions.defaults().withRedis(config.redis()));
    RetentionFactory retention = new RetentionFactory(config.retention());
    // One limiter for the node: every HTTP instance draws from the same per-tenant buckets.
    RateLimiter limiter = config.limits().enabled() ? new RateLimiter(config.limits()) : null;
    // A JWKS endpoint that fails at startup stops the start: better than 401 on every request.
    Future<JwtVerifier> jwt = config.jwt() == null ? Future.succeededFuture() : JwtVerifier.create(vertx, config.jwt());
    return jwt.compose(verifier -> SchemaDocuments.registry(vertx, config.scim())
        .compose(registry -> {
          StorageProvider provider = StorageFactory.provider(vertx, config, registry);
          return StorageFactory.deployStorage(vertx, config, registry, provider)
              .compose(id -> vertx.deployVerticle(new ChangeLogReader(provider)))
              // A worker: the memory backend prunes on the calling thread.
              .compose(id -> vertx.deployVerticle(retention.apply(provider),
                  new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
              .compose(id -> vertx.deployVerticle(feed))
              .compose(id -> deployHttp(vertx, config, registry, new Guards(tokens, verifier, limiter), feed, http));
        }))
        .map(id -> new ScimbusServer(vertx, sharedPort(http), config, retention.created))
        .onSuccess(s -> LOG.info("scimbus listening on http://{}:{}/scim/v2 (storage {}, {} HTTP instances, {} transport)",
            config.http().host(), s.port(), StorageFactory.redacted(config.storage()), config.http().instances(),
            vertx.isNativeTransportEnabled() ? "native" : "NIO"))
        .recover(e -> failAndClose(vertx, e));
  }

  /**
   * Fails the start and closes the half-started Vert.x from another thread: a close awaited on
   * one of its own event loops would never complete.
   */
  private static Future<ScimbusServer> failAndClose(Vertx vertx, Throwable e) {
    new Thread(vertx::close, "scimbus-abort").start();
    return Future.failedFuture(e);
  }

  /** Creates the retention verticle once the provider exists, and keeps it for {@link #retention()}. */
  private static final class RetentionFactory {
    private final RetentionOptions options;
    private ChangeLogRetention created;

    RetentionFactory(RetentionOptions options) {
      this.options = options;
    }

    ChangeLogRetention apply(StorageProvider provider) {
      created = new ChangeLogRetention(provider, options);
      return created;
    }
  }

  /** What every HTTP instance shares to authenticate and limit requests. */
  private record Guards(TokenRegistry tokens, JwtVerifier jwt, RateLimiter limiter) {}

  private static Future<String> deployHttp(Vertx vertx, ServerConfig config, SchemaRegistry registry, Guards guards,
      ChangeFeedVerticle feed, List<ScimHttpVerticle> created) {
    return vertx.deployVerticle(() -> httpVerticle(config, registry, guards, feed, created),
        new DeploymentOptions().setInstances(config.http().instances()));
  }

  private static ScimHttpVerticle httpVerticle(ServerConfig config, SchemaRegistry registry, Guards guards,
      ChangeFeedVerticle feed, List<ScimHttpVerticle> created) {
    ScimHttpVerticle v = new ScimHttpVerticle(config, registry, guards.tokens(), guards.jwt(), guards.limiter(),
        feed.hub(), feed::fanoutStatus);
    created.add(v);
    return v;
  }

  // Every instance must serve the same port; with port 0 Vert.x could hand each its own.
  private static int sharedPort(List<ScimHttpVerticle> http) {
    java.util.Set<Integer> ports = new java.util.TreeSet<>();
    http.forEach(v -> ports.add(v.actualPort()));
    if (ports.size() != 1) {
      throw new IllegalStateException("HTTP instances listen on different ports " + ports);
    }
    return ports.iterator().next();
  }

  public int port() {
    return port;
  }

  public ServerConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The node's change-log retention task, e.g. to run a pass now. */
  public ChangeLogRetention retention() {
    return retention;
  }

  /** Stops accepting requests, undeploys every verticle and releases the storage. */
  public Future<Void> close() {
    return vertx.close();
  }
}
