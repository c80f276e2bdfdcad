package dev.scimbus.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The absolute SCIM base URL a request was addressed to ({@code scheme://host[:port]/scim/v2} or
 * {@code …/tenants/{t}/scim/v2}), used for {@code Location} and {@code meta.location}. Forwarded
 * headers are honoured only when configured, since any client can send them.
 */
final class BaseUrl {
  private BaseUrl() {}

  static String of(RoutingContext ctx, boolean trustForwardedHeaders) {
    HttpServerRequest req = ctx.request();
    String scheme = req.scheme() == null ? "http" : req.scheme();
    String host = authority(req);
    if (trustForwardedHeaders) {
      scheme = firstValue(req.getHeader("X-Forwarded-Proto"), scheme);
      host = firstValue(req.getHeader("X-Forwarded-Host"), host);
    }
    String tenant = ctx.pathParam("tenant");
    String prefix = tenant == null ? "/scim/v2"
        : "/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8).replace("+", "%20") + "/scim/v2";
    return scheme + "://" + host + prefix;
  }

  private static String authority(HttpServerRequest req) {
    HostAndPort a = req.authority();
    if (a != null && a.host() != null && !a.host().isEmpty()) {
      return a.port() > 0 ? a.host() + ":" + a.port() : a.host();
    }
    // HTTP/1.0 without Host: the address the request arrived on
    return req.localAddress().hostAddress() + ":" + req.localAddress().port();
  }

  private static String firstValue(String header, String fallback) {
    if (header == null) {
      return fallback;
    }
    String first = header.split(",")[0].trim();
    return first.isEmpty() ? fallback : first;
  }
}
