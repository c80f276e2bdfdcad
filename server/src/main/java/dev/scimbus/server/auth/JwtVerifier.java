package dev.scimbus.server.auth;

import dev.scimbus.scim.ScimError;
import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.ConfigParser;
import dev.scimbus.server.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens with vertx-auth-jwt: signature (keys from a JWKS URL or a PEM file),
 * {@code exp}/{@code nbf} with a small leeway, {@code iss} and {@code aud}; then reads tenant,
 * scopes and subject from the configured claims. JWKS keys are fetched once at startup (a failure
 * stops startup) and again when a token names a key id we do not know, at most once per
 * {@link #MIN_REFRESH_INTERVAL_MS}, so that key rotation at the identity provider needs no restart
 * while a flood of made-up key ids cannot turn into a flood of JWKS requests. One instance is
 * shared by every HTTP verticle.
 */
public final class JwtVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
  private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  static final long MIN_REFRESH_INTERVAL_MS = 10_000;

  private final Vertx vertx;
  private final JwtConfig config;
  private final WebClient web;
  private volatile Keys keys;
  private long lastUnknownKidRefresh = Long.MIN_VALUE / 2;
  private Future<Void> refreshing;

  /** The verifier of one key set: JWTAuth instances are immutable, so a rotation builds a new one. */
  private record Keys(JWTAuth auth, Set<String> kids) {}

  private JwtVerifier(Vertx vertx, JwtConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.web = config.jwksUrl() == null ? null : WebClient.create(vertx);
  }

  /** Loads the keys; fails with a {@link ConfigException} when the PEM file or the JWKS URL gives none. */
  public static Future<JwtVerifier> create(Vertx vertx, JwtConfig config) {
    JwtVerifier v = new JwtVerifier(vertx, config);
    Future<Keys> keys = config.jwksUrl() != null ? v.fetchJwks() : v.loadPem();
    return keys.map(k -> {
      v.keys = k;
      return v;
    });
  }

  /** Three base64url parts separated by dots: a JWS compact serialization. Static tokens never have dots. */
  public static boolean looksLikeJwt(String token) {
    return token != null && JWT_SHAPE.matcher(token).matches();
  }

  /** The principal of a valid token; a 401 {@link ScimError} saying what is wrong otherwise. */
  public Future<Principal> verify(String token) {
    JsonObject header;
    try {
      header = decodePart(token, 0);
    } catch (RuntimeException e) {
      return Future.failedFuture(invalid("the JWT header is not base64url-encoded JSON"));
    }
    String kid = header.getValue("kid") instanceof String s ? s : null;
    Future<Keys> current = kid != null && web != null && !keys.kids().contains(kid) ? refreshForUnknownKid() : Future.succeededFuture(keys);
    return current
        .compose(k -> k.auth().authenticate(new TokenCredentials(token))
            .recover(e -> Future.failedFuture(invalid("the JWT was rejected: " + e.getMessage()))))
        .map(user -> principal(decodePart(token, 1)));
  }

  private Principal principal(JsonObject claims) {
    String tenant = claims.getValue(config.tenantClaim()) instanceof String t ? t : null;
    if (!ConfigParser.isValidTenant(tenant)) {
      throw invalid("the JWT has no usable '" + config.tenantClaim() + "' claim naming the tenant");
    }
    String subject = claims.getValue(config.subjectClaim()) instanceof String s && !s.isBlank() ? s : null;
    return new Principal(tenant, scopes(claims.getValue(config.scopeClaim())), subject);
  }

  private static Set<String> scopes(Object claim) {
    Set<String> out = new LinkedHashSet<>();
    if (claim instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    } else if (claim instanceof JsonArray a) {
      a.forEach(o -> {
        if (o instanceof String s) {
          out.add(s);
        }
      });
    }
    return out;
  }

  private static ScimError invalid(String detail) {
    return new ScimError(401, null, detail);
  }

  private static JsonObject decodePart(String token, int index) {
    String part = token.split("\\.", -1)[index];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  // ---- keys ---------------------------------------------------------------------------------

  private synchronized Future<Keys> refreshForUnknownKid() {
    if (refreshing != null) {
      return refreshing.map(v -> keys);
    }
    long now = System.currentTimeMillis();
    if (now - lastUnknownKidRefresh < MIN_REFRESH_INTERVAL_MS) {
      return Future.succeededFuture(keys);
    }
    lastUnknownKidRefresh = now;
    Future<Void> f = fetchJwks()
        .onSuccess(k -> keys = k)
        .onFailure(e -> LOG.warn("refreshing the JWKS from {} failed; keeping the old keys: {}", config.jwksUrl(),
            e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture())
        .andThen(x -> clearRefresh());
    refreshing = f;
    return f.map(v -> keys);
  }

  private synchronized void clearRefresh() {
    refreshing = null;
  }

  private Future<Keys> fetchJwks() {
    return web.getAbs(config.jwksUrl()).timeout(10_000).send()
        .recover(e -> Future.failedFuture(new ConfigException("auth.jwt.jwksUrl " + config.jwksUrl()
            + " could not be fetched: " + e.getMessage())))
        .compose(res -> {
          if (res.statusCode() != 200) {
            return Future.failedFuture(new ConfigException("auth.jwt.jwksUrl " + config.jwksUrl() + " answered HTTP "
                + res.statusCode() + ", expected 200 with a JWK Set"));
          }
          JsonArray jwks;
          try {
            jwks = res.bodyAsJsonObject().getJsonArray("keys");
          } catch (RuntimeException e) {
            jwks = null;
          }
          if (jwks == null || jwks.isEmpty()) {
            return Future.failedFuture(new ConfigException("auth.jwt.jwksUrl " + config.jwksUrl()
                + " did not return a JWK Set with keys ({\"keys\": [...]})"));
          }
          return Future.succeededFuture(fromJwks(jwks));
        });
  }

  private Keys fromJwks(JsonArray jwks) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(jwtOptions());
    Set<String> kids = new HashSet<>();
    for (Object o : jwks) {
      // Keys for encryption or of types this library cannot verify with are skipped, not fatal.
      if (o instanceof JsonObject jwk && !"enc".equals(jwk.getString("use"))) {
        options.addJwk(jwk);
        if (jwk.getString("kid") != null) {
          kids.add(jwk.getString("kid"));
        }
      }
    }
    return new Keys(JWTAuth.create(vertx, options), Set.copyOf(kids));
  }

  private Future<Keys> loadPem() {
    String file = config.publicKeyPem().toString();
    return vertx.fileSystem().readFile(file)
        .recover(e -> Future.failedFuture(new ConfigException("auth.jwt.publicKeyPem " + file + " cannot be read: "
            + e.getMessage())))
        .map(buf -> {
          String pem = buf.toString(StandardCharsets.UTF_8);
          if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new ConfigException("auth.jwt.publicKeyPem " + file
                + " must hold a PEM public key ('-----BEGIN PUBLIC KEY-----')");
          }
          JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(jwtOptions())
              .addPubSecKey(new PubSecKeyOptions().setAlgorithm(config.algorithm()).setBuffer(pem));
          try {
            return new Keys(JWTAuth.create(vertx, options), Set.of());
          } catch (RuntimeException e) {
            throw new ConfigException("auth.jwt.publicKeyPem " + file + " is not a usable " + config.algorithm()
                + " public key: " + e.getMessage());
          }
        });
  }

  private JWTOptions jwtOptions() {
    JWTOptions o = new JWTOptions().setIssuer(config.issuer()).setLeeway(config.leewaySeconds());
    if (config.audience() != null) {
      o.setAudience(List.of(config.audience()));
    }
    return o;
  }
}
