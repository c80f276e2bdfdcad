package dev.scimbus.server.http;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.notifications.stream.EventsHandler;
import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.auth.BearerAuthHandler;
import dev.scimbus.server.auth.JwtVerifier;
import dev.scimbus.server.auth.Principal;
import dev.scimbus.server.auth.TokenRegistry;
import dev.scimbus.server.bulk.BulkProcessor;
import dev.scimbus.server.config.BulkConfig;
import dev.scimbus.server.config.HttpConfig;
import dev.scimbus.server.config.ServerConfig;
import dev.scimbus.server.limits.RateLimiter;
import dev.scimbus.storage.Addresses;
import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SCIM HTTP API: authenticates each request, resolves its tenant, turns it into one
 * {@link StorageRequest} for the storage verticle and turns the {@link StorageReply} into status,
 * headers and body. Serves the discovery endpoints, {@code /Bulk} (through {@link BulkProcessor})
 * and {@code /Me} itself. Deployed once per event loop; every instance listens on the same port.
 */
public final class ScimHttpVerticle extends VerticleBase {
  private static final List<String> PREFIXES = List.of("/scim/v2", "/tenants/:tenant/scim/v2");
  private static final String ALLOW = "scimbus.allow";
  /** Routing-context key of a body limit other than http.maxBodyBytes (set on /Bulk). */
  private static final String BULK_LIMIT = "scimbus.bulkLimit";
  private static final String ME = "/Me";

  private final HttpConfig http;
  private final BulkConfig bulkConfig;
  private final SchemaRegistry registry;
  private final TokenRegistry tokens;
  private final JwtVerifier jwt;
  private final RateLimiter limiter;
  private final Discovery discovery;
  private final FailureMapper failures;
  private final DeliveryOptions delivery;
  private final EventHub hub;
  private final BulkProcessor bulk;
  private final MeResolver me;
  private final Supplier<String> fanout;
  private HttpServer server;
  private EventsHandler events;

  /**
   * @param jwt the JWT verifier, or null when only static tokens are accepted
   * @param limiter the node's per-tenant rate limiter (shared by every instance), or null for none
   */
  public ScimHttpVerticle(ServerConfig config, SchemaRegistry registry, TokenRegistry tokens, JwtVerifier jwt,
      RateLimiter limiter, EventHub hub) {
    this(config, registry, tokens, jwt, limiter, hub, () -> "LOCAL");
  }

  /** @param fanout the change feed's fan-out state for {@code /ready}: LOCAL, UP or DOWN */
  public ScimHttpVerticle(ServerConfig config, SchemaRegistry registry, TokenRegistry tokens, JwtVerifier jwt,
      RateLimiter limiter, EventHub hub, Supplier<String> fanout) {
    this.fanout = fanout;
    this.http = config.http();
    this.bulkConfig = config.bulk();
    this.hub = hub;
    this.registry = registry;
    this.tokens = tokens;
    this.jwt = jwt;
    this.limiter = limiter;
    this.discovery = new Discovery(registry, config.scim(), config.bulk(), config.jwt());
    this.failures = new FailureMapper(http.requestTimeoutMs(), http.maxBodyBytes());
    this.delivery = new DeliveryOptions().setSendTimeout(http.requestTimeoutMs());
    this.bulk = new BulkProcessor(registry, bulkConfig.maxOperations(), this::call,
        e -> failures.toScimError(e, 500, "POST", "/Bulk"));
    this.me = new MeResolver(this::call);
  }

  /** {@code GET /Events}: the tenant's change events over SSE, or WebSocket when upgraded. */
  private void events(RoutingContext ctx) {
    events.handle(ctx, ctx.get(BearerAuthHandler.TENANT));
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx.eventBus());
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    // Short enough for a load balancer's probe, long enough for a busy backend to answer.
    Readiness readiness = new Readiness(vertx, fanout, Math.min(2000, http.requestTimeoutMs()));
    router.get("/ready").handler(readiness::handle);
    BearerAuthHandler auth = new BearerAuthHandler(tokens, jwt, false);
    BearerAuthHandler eventsAuth = new BearerAuthHandler(tokens, jwt, true);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(http.maxBodyBytes());
    BodyHandler bulkBody = BodyHandler.create(false).setBodyLimit(bulkConfig.maxPayloadSize());
    events = new EventsHandler(vertx, hub, NotificationOptions.defaults());
    for (String p : PREFIXES) {
      // Before the body handler: SSE and WebSocket upgrades must not have their body consumed.
      router.get(p + "/Events").handler(eventsAuth).handler(this::rateLimit).handler(this::events);
      // Separate routes so that authentication runs before an unauthenticated body is buffered.
      router.route(p + "/*").handler(auth);
      router.route(p + "/*").handler(this::rateLimit);
      // /Bulk has its own, usually smaller, body limit; the general body handler then sees the
      // body already read and passes the request on.
      router.post(p + "/Bulk").handler(this::bulkPayloadLimit);
      router.post(p + "/Bulk").handler(bulkBody);
      router.route(p + "/*").handler(body);
      router.post(p + "/Bulk").handler(this::bulk);
      router.route(p + "/Bulk").handler(notAllowed("POST", false));
      router.get(p + ME).handler(ctx -> me(ctx, Operation.GET));
      router.put(p + ME).handler(ctx -> me(ctx, Operation.REPLACE));
      router.patch(p + ME).handler(ctx -> me(ctx, Operation.PATCH));
      router.delete(p + ME).handler(ctx -> me(ctx, Operation.DELETE));
      router.route(p + ME).handler(notAllowed("GET, PUT, PATCH, DELETE", false));
      router.get(p + "/ServiceProviderConfig").handler(this::serviceProviderConfig);
      router.get(p + "/ResourceTypes").handler(this::resourceTypes);
      router.get(p + "/ResourceTypes/:id").handler(this::resourceTypeDocument);
      router.get(p + "/Schemas").handler(this::schemas);
      router.get(p + "/Schemas/:id").handler(this::schemaDocument);
      for (String discoveryPath : List.of("/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/:id",
          "/Schemas", "/Schemas/:id")) {
        router.route(p + discoveryPath).handler(notAllowed("GET", false));
      }
      router.post(p + "/.search").handler(this::searchAll);
      router.route(p + "/.search").handler(notAllowed("POST", false));
      router.get(p + "/:type").handler(this::list);
      router.post(p + "/:type").handler(this::create);
      router.route(p + "/:type").handler(notAllowed("GET, POST", true));
      router.post(p + "/:type/.search").handler(this::search);
      router.route(p + "/:type/.search").handler(notAllowed("POST", true));
      router.get(p + "/:type/:id").handler(this::get);
      router.put(p + "/:type/:id").handler(this::replace);
      router.patch(p + "/:type/:id").handler(this::patch);
      router.delete(p + "/:type/:id").handler(this::delete);
      router.route(p + "/:type/:id").handler(notAllowed("GET, PUT, PATCH, DELETE", true));
    }
    router.route().failureHandler(this::fail);
    for (int status : new int[] {400, 404, 405, 413, 500, 501}) {
      router.errorHandler(status, this::fail);
    }
    // Port 0 means "any free port": -1 asks Vert.x for one random port shared by every instance,
    // where 0 would give each instance a port of its own.
    // No WebSocket compression: change events are small JSON, and supporting it puts an extension
    // handler in the pipeline of every connection, also the plain SCIM requests.
    HttpServerOptions options = new HttpServerOptions().setPort(http.port() == 0 ? -1 : http.port())
        .setHost(http.host())
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The port this instance listens on (the real one when configured with 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  // ---- resources ----------------------------------------------------------------------------

  private void list(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.LIST, typeOf(ctx), null, null, null, query(ctx)));
  }

  private void create(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.CREATE, typeOf(ctx), null, ScimMediaType.jsonBody(ctx), null, projection(ctx)));
  }

  private void search(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.SEARCH, typeOf(ctx), null, ScimMediaType.jsonBody(ctx), null, query(ctx)));
  }

  private void searchAll(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.SEARCH, null, null, ScimMediaType.jsonBody(ctx), null, query(ctx)));
  }

  private void get(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.GET, typeOf(ctx), id(ctx), null, null, projection(ctx)));
  }

  private void replace(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.REPLACE, typeOf(ctx), id(ctx), ScimMediaType.jsonBody(ctx), ifMatch(ctx),
        projection(ctx)));
  }

  private void patch(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.PATCH, typeOf(ctx), id(ctx), ScimMediaType.jsonBody(ctx), ifMatch(ctx),
        projection(ctx)));
  }

  private void delete(RoutingContext ctx) {
    send(ctx, request(ctx, Operation.DELETE, typeOf(ctx), id(ctx), null, ifMatch(ctx), QueryParams.NONE));
  }

  private StorageRequest request(RoutingContext ctx, Operation op, ResourceType rt, String id, JsonObject body,
      String ifMatch, QueryParams query) {
    return new StorageRequest(op, ctx.get(BearerAuthHandler.TENANT), rt == null ? null : rt.name(), id, body, ifMatch,
        query, baseUrl(ctx));
  }

  private void send(RoutingContext ctx, StorageRequest req) {
    call(req).onSuccess(reply -> respond(ctx, reply)).onFailure(ctx::fail);
  }

  private Future<StorageReply> call(StorageRequest req) {
    return vertx.eventBus().<StorageReply>request(Addresses.storageFor(vertx), req, delivery).map(msg -> msg.body());
  }

  // ---- bulk and /Me ---------------------------------------------------------------------------

  private void bulk(RoutingContext ctx) {
    bulk.process(ScimMediaType.jsonBody(ctx), ctx.get(BearerAuthHandler.TENANT), baseUrl(ctx))
        .onSuccess(response -> sendDocument(ctx, response))
        .onFailure(ctx::fail);
  }

  /** Refuses an announced oversized BulkRequest before reading any of it; bulkBody caps the rest. */
  private void bulkPayloadLimit(RoutingContext ctx) {
    ctx.put(BULK_LIMIT, bulkConfig.maxPayloadSize());
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.trim().matches("\\d{1,18}")
        && Long.parseLong(length.trim()) > bulkConfig.maxPayloadSize()) {
      ctx.response().putHeader("Connection", "close");
      ctx.fail(413);
      return;
    }
    ctx.next();
  }

  /** Runs a /Me request as the same operation on /Users/{id} of the credential's user. */
  private void me(RoutingContext ctx, Operation op) {
    boolean hasBody = op == Operation.REPLACE || op == Operation.PATCH;
    JsonObject body = hasBody ? ScimMediaType.jsonBody(ctx) : null;
    Principal principal = ctx.get(BearerAuthHandler.PRINCIPAL);
    me.userId(principal, baseUrl(ctx))
        .compose(id -> call(new StorageRequest(op, principal.tenant(), "User", id, body, ifMatch(ctx),
            op == Operation.DELETE ? QueryParams.NONE : projection(ctx), baseUrl(ctx))))
        .onSuccess(reply -> respond(ctx, reply))
        .onFailure(ctx::fail);
  }

  private void rateLimit(RoutingContext ctx) {
    long waitNanos = limiter == null ? 0 : limiter.tryAcquire(ctx.get(BearerAuthHandler.TENANT));
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ctx.fail(new ScimError(429, null, "too many requests for this tenant; retry in " + seconds + " s"));
      return;
    }
    ctx.next();
  }

  private void respond(RoutingContext ctx, StorageReply reply) {
    HttpServerResponse res = ctx.response();
    if (reply.etag() != null) {
      res.putHeader("ETag", reply.etag());
    }
    String location = reply.location() != null ? reply.location() : locationOf(reply.body());
    if (location != null) {
      res.putHeader("Location", location);
    }
    if (ctx.request().method() == HttpMethod.GET
        && ETags.noneMatchHits(ctx.request().getHeader("If-None-Match"), reply.etag())) {
      res.setStatusCode(304).end();
      return;
    }
    res.setStatusCode(reply.status());
    if (reply.body() == null) {
      res.end();
    } else {
      res.putHeader("Content-Type", ScimMediaType.CONTENT_TYPE).end(reply.body().toBuffer());
    }
  }

  // A single resource carries its own location; a ListResponse has none.
  private static String locationOf(JsonObject body) {
    JsonObject meta = body == null || !body.containsKey("id") ? null : body.getJsonObject("meta");
    return meta == null ? null : meta.getString("location");
  }

  // ---- discovery ----------------------------------------------------------------------------

  private void serviceProviderConfig(RoutingContext ctx) {
    sendDocument(ctx, discovery.serviceProviderConfig(baseUrl(ctx)));
  }

  private void resourceTypes(RoutingContext ctx) {
    sendDocument(ctx, discovery.resourceTypes(baseUrl(ctx)));
  }

  private void resourceTypeDocument(RoutingContext ctx) {
    sendDocument(ctx, found(discovery.resourceType(baseUrl(ctx), ctx.pathParam("id")), "resource type", ctx));
  }

  private void schemas(RoutingContext ctx) {
    sendDocument(ctx, discovery.schemas(baseUrl(ctx)));
  }

  private void schemaDocument(RoutingContext ctx) {
    sendDocument(ctx, found(discovery.schema(baseUrl(ctx), ctx.pathParam("id")), "schema", ctx));
  }

  private static JsonObject found(Optional<JsonObject> doc, String what, RoutingContext ctx) {
    return doc.orElseThrow(() -> ScimError.notFound("no " + what + " '" + ctx.pathParam("id") + "'"));
  }

  private void sendDocument(RoutingContext ctx, JsonObject doc) {
    respond(ctx, new StorageReply(200, doc, null, null));
  }

  private void health(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").toBuffer());
  }

  // ---- request parts ------------------------------------------------------------------------

  private ResourceType typeOf(RoutingContext ctx) {
    String type = ctx.pathParam("type");
    return registry.resourceTypeByPath(type)
        .orElseThrow(() -> ScimError.notFound("no such endpoint: /" + type + " is not a resource type of this server"));
  }

  private static String id(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  private static String ifMatch(RoutingContext ctx) {
    return ctx.request().getHeader("If-Match");
  }

  private static QueryParams query(RoutingContext ctx) {
    io.vertx.core.MultiMap q = ctx.queryParams();
    return new QueryParams(q.get("filter"), q.get("sortBy"), q.get("sortOrder"), q.get("startIndex"), q.get("count"),
        q.get("attributes"), q.get("excludedAttributes"), q.get("cursor"));
  }

  private static QueryParams projection(RoutingContext ctx) {
    return QueryParams.projection(ctx.queryParams().get("attributes"), ctx.queryParams().get("excludedAttributes"));
  }

  private String baseUrl(RoutingContext ctx) {
    return BaseUrl.of(ctx, http.trustForwardedHeaders());
  }

  // ---- failures -----------------------------------------------------------------------------

  /** A known path with a method it does not serve; an unknown resource type is still a 404. */
  private Handler<RoutingContext> notAllowed(String allow, boolean typed) {
    return ctx -> {
      if (typed) {
        typeOf(ctx);
      }
      ctx.put(ALLOW, allow);
      ctx.fail(405);
    };
  }

  /** The one place where any failure becomes a SCIM Error response. */
  private void fail(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    if (res.ended()) {
      return;
    }
    Long bulkLimit = ctx.get(BULK_LIMIT);
    ScimError error = ctx.failure() == null && ctx.statusCode() == 413 && bulkLimit != null
        ? new ScimError(413, null, "The size of the BulkRequest exceeds maxPayloadSize (" + bulkLimit + " bytes)")
        : failures.toScimError(ctx.failure(), ctx.statusCode(), ctx.request().method().name(), ctx.request().path());
    String challenge = ctx.get(BearerAuthHandler.CHALLENGE);
    if (challenge != null && (error.status() == 401 || error.status() == 403)) {
      res.putHeader("WWW-Authenticate", challenge);
    }
    switch (error.status()) {
      case 401 -> res.putHeader("WWW-Authenticate", challenge != null ? challenge : BearerAuthHandler.REALM);
      case 405 -> res.putHeader("Allow", ctx.get(ALLOW) == null ? "GET" : ctx.get(ALLOW));
      case 503 -> res.putHeader("Retry-After", "5");
      default -> { }
    }
    res.setStatusCode(error.status()).putHeader("Content-Type", ScimMediaType.CONTENT_TYPE)
        .end(error.toJson().toBuffer());
  }
}
