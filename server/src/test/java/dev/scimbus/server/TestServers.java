package dev.scimbus.server;

import dev.scimbus.server.config.HttpConfig;
import dev.scimbus.server.config.ServerConfig;
import dev.scimbus.server.config.ServerConfig.TokenEntry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A scimbus node started the way {@code serve} starts it (memory backend, free port, two HTTP
 * instances, tenants acme and globex), plus a WebClient to talk to it.
 */
public final class TestServers implements AutoCloseable {
  public static final String ACME = "acme-token-0123456789";
  public static final String GLOBEX = "globex-token-0123456789";
  public static final String SCIM_JSON = "application/scim+json";

  public final ScimbusServer server;
  public final Vertx clientVertx = Vertx.vertx();
  public final WebClient client;

  private TestServers(ScimbusServer server) {
    this.server = server;
    this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(server.port()));
  }

  /** The configuration the tests start from: memory storage, a free port, two tenants. */
  public static ServerConfig config(Path dataDir) {
    ServerConfig d = ServerConfig.defaults();
    HttpConfig http = d.http().withPort(0).withInstances(2).withMaxBodyBytes(64 * 1024);
    return d.withHttp(http).withDataDir(dataDir)
        .withTokens(List.of(new TokenEntry("acme", ACME), new TokenEntry("globex", GLOBEX)));
  }

  public static TestServers start(ServerConfig config) {
    return new TestServers(ScimbusServer.start(config).await());
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> r = client.request(method, path);
    if (token != null) {
      r.bearerTokenAuthentication(token);
    }
    return r;
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = request(method, path, token);
    if (body == null) {
      return r.send().await();
    }
    return r.putHeader("Content-Type", SCIM_JSON).sendBuffer(body.toBuffer()).await();
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, ACME, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, ACME, body);
  }

  public static JsonObject user(String userName) {
    return new JsonObject().put("schemas", new io.vertx.core.json.JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", userName);
  }

  public String baseUrl() {
    return "http://localhost:" + server.port() + "/scim/v2";
  }

  @Override
  public void close() {
    client.close();
    clientVertx.close().await();
    server.close().await();
  }
}
