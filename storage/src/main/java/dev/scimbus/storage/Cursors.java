package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.storage.spi.Keyset;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and reads RFC 9865 cursors. A cursor is {@code base64url(json).base64url(hmac)}: the
 * JSON holds the keyset position after which the next page starts, a hash of the query it belongs
 * to and an expiry; the HMAC-SHA256 makes it tamper-evident. It is opaque to clients but not
 * secret (it holds a sort value of a resource the client has already seen). The key comes from
 * {@link ServiceOptions#cursorSecret()} (the same on every node of a cluster) or is random per
 * process.
 */
final class Cursors {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key;
  private final long timeoutMillis;
  private final Clock clock;

  Cursors(ServiceOptions options, Clock clock) {
    this.key = options.cursorSecret() == null || options.cursorSecret().isEmpty() ? randomKey() : options.cursorSecret().getBytes(StandardCharsets.UTF_8);
    this.timeoutMillis = options.cursorTimeout().toMillis();
    this.clock = clock;
  }

  /** A hash of everything that shapes the result list, so a cursor only continues its own query. */
  static String queryHash(Object... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Object p : parts) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return B64.encodeToString(md.digest()).substring(0, 22);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  String issue(String queryHash, Keyset after) {
    JsonObject j = new JsonObject().put("q", queryHash).put("i", after.id()).put("p", after.position())
        .put("x", clock.millis() + timeoutMillis);
    Object v = after.sortValue();
    if (v instanceof String s) {
      j.put("t", "s").put("v", s);
    } else if (v instanceof Boolean b) {
      j.put("t", "b").put("v", b);
    } else if (v instanceof BigDecimal d) {
      j.put("t", "n").put("v", d.toPlainString());
    } else if (v instanceof Instant i) {
      j.put("t", "d").put("v", i.toString());
    }
    byte[] payload = j.encode().getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /** The position a cursor continues from; 400 invalidCursor or expiredCursor when it cannot be used. */
  Keyset read(String cursor, String queryHash) {
    int dot = cursor.indexOf('.');
    JsonObject j;
    try {
      byte[] payload = B64D.decode(cursor.substring(0, Math.max(0, dot)));
      byte[] sig = B64D.decode(cursor.substring(dot + 1));
      if (dot < 0 || !MessageDigest.isEqual(sig, mac(payload))) {
        throw invalid("it was not issued by this server or was altered");
      }
      j = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      throw invalid("it is not a cursor this server issued");
    }
    if (clock.millis() > j.getLong("x", 0L)) {
      throw new ScimError(400, ScimType.expiredCursor, "The cursor has expired (cursors are valid for "
          + timeoutMillis / 1000 + " s); start again with cursor=\"\"");
    }
    if (!queryHash.equals(j.getString("q"))) {
      throw invalid("it belongs to a different query; keep filter, sortBy, sortOrder, attributes and "
          + "excludedAttributes unchanged while paging");
    }
    return new Keyset(sortValue(j), j.getLong("p", 0L), j.getString("i"));
  }

  private static Object sortValue(JsonObject j) {
    String v = String.valueOf(j.getValue("v"));
    return switch (String.valueOf(j.getString("t"))) {
      case "s" -> v;
      case "b" -> Boolean.valueOf(v);
      case "n" -> new BigDecimal(v);
      case "d" -> Instant.parse(v);
      default -> null;
    };
  }

  private static ScimError invalid(String why) {
    return new ScimError(400, ScimType.invalidCursor, "The cursor is invalid: " + why
        + "; start again with cursor=\"\"");
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /**
   * One random key per process, shared by every storage verticle instance of the node, so a
   * cursor issued by one instance is accepted by the next request's instance.
   */
  private static byte[] randomKey() {
    return ProcessKey.KEY;
  }

  private static final class ProcessKey {
    static final byte[] KEY = new byte[32];

    static {
      new SecureRandom().nextBytes(KEY);
    }
  }
}
