package dev.scimbus.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The few SCIM calls the scenarios make, over one {@link WebClient}. Every answer is counted in
 * the caller's {@link Tally}; anything outside 2xx becomes a failed future so a scenario's
 * happy path reads as a plain chain.
 */
final class ScimApi {

  private static final String SCIM_JSON = "application/scim+json";
  private static final int BODY_SNIPPET = 200;

  private final WebClient client;
  private final String base;
  private final Progress progress;

  ScimApi(WebClient client, URI base, Progress progress) {
    this.client = client;
    this.base = base.toString();
    this.progress = progress;
  }

  Future<JsonObject> send(Tally tally, Tenant tenant, HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> req = client.requestAbs(method, base + path)
        .putHeader("Authorization", "Bearer " + tenant.token())
        .putHeader("Accept", SCIM_JSON);
    Future<HttpResponse<Buffer>> sent;
    if (body == null) {
      sent = req.send();
    } else {
      sent = req.putHeader("Content-Type", SCIM_JSON).sendBuffer(body.toBuffer());
    }
    return sent.compose(resp -> {
      tally.response(resp.statusCode());
      progress.request();
      int status = resp.statusCode();
      if (status < 200 || status > 299) {
        return Future.failedFuture(new HttpStatusException(method.name(), path, status, snippet(resp.body())));
      }
      Buffer b = resp.body();
      if (b == null || b.length() == 0) {
        return Future.succeededFuture(new JsonObject());
      }
      try {
        return Future.succeededFuture(b.toJsonObject());
      } catch (RuntimeException e) {
        return Future.failedFuture(new IllegalStateException(method + " " + path + " -> " + status
            + " with a body that is not a JSON object: " + snippet(b)));
      }
    }, err -> Future.failedFuture(new IllegalStateException(method + " " + path + ": " + err, err)));
  }

  /** A query value encoded for a URL; {@code %20}, not {@code +}, so servers that only decode percent-escapes still read it. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String snippet(Buffer body) {
    if (body == null) {
      return "";
    }
    String s = body.toString().replaceAll("\\s+", " ");
    return s.length() > BODY_SNIPPET ? s.substring(0, BODY_SNIPPET) + "…" : s;
  }
}
