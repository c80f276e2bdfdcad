package dev.scimbus.server.http;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The SCIM media type rules of request and response bodies: requests are accepted as
 * {@code application/scim+json} or {@code application/json} in UTF-8 and must be one JSON object.
 */
final class ScimMediaType {
  static final String CONTENT_TYPE = "application/scim+json;charset=UTF-8";
  private static final int MAX_DETAIL = 200;

  private ScimMediaType() {}

  /** The request body as a JSON object, or a ScimError saying what is wrong with it. */
  static JsonObject jsonBody(RoutingContext ctx) {
    checkContentType(ctx.request().getHeader("Content-Type"));
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ScimError.invalidSyntax("the request body is empty; expected a JSON object");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ScimError.invalidSyntax("the request body is not valid JSON: " + shorten(e.getMessage()));
    }
    if (parsed instanceof JsonObject obj) {
      return obj;
    }
    throw ScimError.invalidSyntax("the request body must be a JSON object, got " + kind(parsed));
  }

  // A missing Content-Type is let through: the body still has to parse as a JSON object.
  static void checkContentType(String header) {
    if (header == null) {
      return;
    }
    String[] parts = header.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean json = type.equals("application/scim+json") || type.equals("application/json");
    boolean utf8 = true;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
        String cs = kv[1].trim().replace("\"", "");
        utf8 = cs.equalsIgnoreCase("utf-8") || cs.equalsIgnoreCase("utf8");
      }
    }
    if (!json || !utf8) {
      throw new ScimError(415, ScimType.invalidSyntax, "Content-Type must be application/scim+json or application/json"
          + " in UTF-8, got '" + shorten(header) + "'");
    }
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "…" : oneLine;
  }
}
