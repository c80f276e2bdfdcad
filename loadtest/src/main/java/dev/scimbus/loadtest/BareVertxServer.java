package dev.scimbus.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline for benchmarks: a bare Vert.x HTTP handler doing the same map lookups and inserts
 * a SCIM server does for the load scenarios, with none of the SCIM work (no schema validation,
 * no filter parser, no PATCH engine, no change log). Comparing scimbus against it shows what the
 * SCIM layer and storage cost on top of HTTP and JSON.
 *
 * <p>It answers {@code GET /Users/{id}}, {@code GET /Users?filter=userName eq "x"} (the quoted
 * value is cut out, not parsed), {@code emails co "x"} (a scan), {@code GET /Users?startIndex=&count=},
 * {@code POST /Users} and {@code /Groups} (stored with a new id), and {@code PATCH}, which applies
 * top-level {@code replace} operations only and otherwise returns the stored resource. Any bearer
 * token is accepted. An optional fixed delay before every answer simulates a slow server.
 * Run it with {@code java -cp scimbus-loadtest.jar dev.scimbus.loadtest.BareVertxServer PORT [DELAY_MS]}.
 */
public final class BareVertxServer extends VerticleBase {

  private static final String BASE = "/scim/v2";
  private static final String SCIM_JSON = "application/scim+json";
  private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  /** Shared by all instances so every event loop sees the same data. */
  static final class Store {
    final Map<String, Stored> byId = new ConcurrentHashMap<>();
    final Map<String, Stored> byUserName = new ConcurrentHashMap<>();
    final List<Stored> users = new ArrayList<>();
    volatile int actualPort;

    void addUser(Stored s) {
      byId.put(s.id(), s);
      synchronized (users) {
        users.add(s);
      }
    }

    List<Stored> page(int startIndex, int count) {
      synchronized (users) {
        int from = Math.min(users.size(), Math.max(0, startIndex - 1));
        int to = Math.min(users.size(), from + Math.max(0, count));
        return new ArrayList<>(users.subList(from, to));
      }
    }

    int userCount() {
      synchronized (users) {
        return users.size();
      }
    }
  }

  /** A stored resource kept encoded, as a store would return bytes it does not re-serialise. */
  record Stored(String id, String userName, String emails, Buffer json) {}

  private final Store store;
  private final int port;
  private final long delayMs;
  private HttpServer server;

  BareVertxServer(Store store, int port, long delayMs) {
    this.store = store;
    this.port = port;
    this.delayMs = delayMs;
  }

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: BareVertxServer PORT [DELAY_MS]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    long delay = args.length > 1 ? Long.parseLong(args[1]) : 0;
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    start(vertx, port, delay, instances)
        .onSuccess(p -> System.out.println("bare server listening on " + p + " (" + instances + " event loops)"))
        .onFailure(e -> {
          System.err.println("bare server failed: " + e.getMessage());
          vertx.close();
          System.exit(1);
        });
  }

  /**
   * Deploys the server and yields the port it listens on. With port 0 a single instance is
   * deployed, since the actual port is only known per bound server.
   */
  public static Future<Integer> start(Vertx vertx, int port, long delayMs, int instances) {
    Store store = new Store();
    int n = port == 0 ? 1 : Math.max(1, instances);
    return vertx.deployVerticle(() -> new BareVertxServer(store, port, delayMs),
            new DeploymentOptions().setInstances(n))
        .map(id -> store.actualPort);
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("0.0.0.0"));
    return server.requestHandler(this::handle).listen().onSuccess(s -> store.actualPort = s.actualPort());
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/health")) {
      respond(req, 200, Buffer.buffer("{\"status\":\"UP\"}"));
      return;
    }
    String auth = req.getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      respond(req, 401, error(401, "bearer token required"));
      return;
    }
    if (!path.startsWith(BASE + "/")) {
      respond(req, 404, error(404, "not found"));
      return;
    }
    String[] parts = path.substring(BASE.length() + 1).split("/", -1);
    String type = parts[0];
    String id = parts.length > 1 ? parts[1] : null;
    HttpMethod method = req.method();
    if (method == HttpMethod.GET && "Users".equals(type) && id == null) {
      list(req);
    } else if (method == HttpMethod.GET && id != null) {
      Stored s = store.byId.get(id);
      respond(req, s == null ? 404 : 200, s == null ? error(404, "no resource " + id) : s.json());
    } else if (method == HttpMethod.POST && id == null && ("Users".equals(type) || "Groups".equals(type))) {
      req.body().onSuccess(body -> create(req, type, body));
    } else if (method == HttpMethod.PATCH && id != null) {
      req.body().onSuccess(body -> patch(req, id, body));
    } else {
      respond(req, 404, error(404, "not found"));
    }
  }

  private void list(HttpServerRequest req) {
    String filter = req.getParam("filter");
    List<Stored> found;
    int total;
    if (filter != null) {
      String value = quoted(filter);
      if (filter.trim().regionMatches(true, 0, "userName eq", 0, 11)) {
        Stored s = value == null ? null : store.byUserName.get(value.toLowerCase(Locale.ROOT));
        found = s == null ? List.of() : List.of(s);
      } else {
        found = new ArrayList<>();
        String needle = value == null ? "" : value.toLowerCase(Locale.ROOT);
        for (Stored s : store.byUserName.values()) {
          if (s.emails().contains(needle)) {
            found.add(s);
          }
        }
      }
      total = found.size();
    } else {
      int startIndex = intParam(req, "startIndex", 1);
      int count = intParam(req, "count", 100);
      found = store.page(startIndex, count);
      total = store.userCount();
    }
    Buffer out = Buffer.buffer(256 + found.size() * 1100)
        .appendString("{\"schemas\":[\"" + LIST_RESPONSE + "\"],\"totalResults\":" + total
            + ",\"itemsPerPage\":" + found.size() + ",\"startIndex\":" + intParam(req, "startIndex", 1)
            + ",\"Resources\":[");
    for (int i = 0; i < found.size(); i++) {
      if (i > 0) {
        out.appendString(",");
      }
      out.appendBuffer(found.get(i).json());
    }
    respond(req, 200, out.appendString("]}"));
  }

  private void create(HttpServerRequest req, String type, Buffer body) {
    JsonObject resource;
    try {
      resource = body.toJsonObject();
    } catch (RuntimeException e) {
      respond(req, 400, error(400, "invalid JSON"));
      return;
    }
    String id = UUID.randomUUID().toString();
    resource.put("id", id).put("meta", new JsonObject()
        .put("resourceType", "Users".equals(type) ? "User" : "Group")
        .put("location", BASE + "/" + type + "/" + id));
    Stored stored = stored(id, resource);
    if ("Users".equals(type)) {
      if (stored.userName() == null
          || store.byUserName.putIfAbsent(stored.userName().toLowerCase(Locale.ROOT), stored) != null) {
        respond(req, 409, error(409, "userName taken or missing"));
        return;
      }
      store.addUser(stored);
    } else {
      store.byId.put(id, stored);
    }
    req.response().putHeader("Location", BASE + "/" + type + "/" + id);
    respond(req, 201, stored.json());
  }

  private void patch(HttpServerRequest req, String id, Buffer body) {
    Stored old = store.byId.get(id);
    if (old == null) {
      respond(req, 404, error(404, "no resource " + id));
      return;
    }
    JsonObject resource = old.json().toJsonObject();
    JsonArray ops = body.toJsonObject().getJsonArray("Operations", new JsonArray());
    for (int i = 0; i < ops.size(); i++) {
      JsonObject op = ops.getJsonObject(i);
      String p = op.getString("path");
      if ("replace".equalsIgnoreCase(op.getString("op")) && p != null && p.matches("[A-Za-z]+")) {
        resource.put(p, op.getValue("value"));
      }
    }
    Stored updated = stored(id, resource);
    store.byId.put(id, updated);
    if (updated.userName() != null) {
      store.byUserName.put(updated.userName().toLowerCase(Locale.ROOT), updated);
    }
    respond(req, 200, updated.json());
  }

  private static Stored stored(String id, JsonObject resource) {
    StringBuilder emails = new StringBuilder();
    JsonArray list = resource.getJsonArray("emails");
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        emails.append(list.getJsonObject(i).getString("value", "").toLowerCase(Locale.ROOT)).append('\n');
      }
    }
    return new Stored(id, resource.getString("userName"), emails.toString(), resource.toBuffer());
  }

  private void respond(HttpServerRequest req, int status, Buffer body) {
    if (delayMs > 0) {
      vertx.setTimer(delayMs, t -> send(req, status, body));
    } else {
      send(req, status, body);
    }
  }

  private static void send(HttpServerRequest req, int status, Buffer body) {
    req.response().setStatusCode(status).putHeader("Content-Type", SCIM_JSON).end(body);
  }

  private static String quoted(String filter) {
    int a = filter.indexOf('"');
    int b = filter.lastIndexOf('"');
    return a >= 0 && b > a ? filter.substring(a + 1, b) : null;
  }

  private static int intParam(HttpServerRequest req, String name, int fallback) {
    try {
      String v = req.getParam(name);
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static Buffer error(int status, String detail) {
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:Error"))
        .put("status", String.valueOf(status))
        .put("detail", detail)
        .toBuffer();
  }
}
