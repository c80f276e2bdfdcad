package dev.scimbus.server.auth;

import dev.scimbus.scim.ScimError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a SCIM request by its {@code Authorization: Bearer} token — a configured static
 * token, or a JWT when JWT validation is configured — decides its tenant (the credential's) and
 * checks that the credential carries the scope the request needs ({@link #requiredScope}). On a
 * {@code /tenants/{tenant}/…} path a different tenant answers 404, exactly like a tenant that does
 * not exist, so a token cannot be used to probe for other tenants.
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {
  /** Routing-context key of the authenticated tenant. */
  public static final String TENANT = "scimbus.tenant";
  /** Routing-context key of the authenticated {@link Principal}. */
  public static final String PRINCIPAL = "scimbus.principal";
  /** Routing-context key of a {@code WWW-Authenticate} value the failure handler should send. */
  public static final String CHALLENGE = "scimbus.challenge";
  public static final String REALM = "Bearer realm=\"scimbus\"";

  private final TokenRegistry tokens;
  private final JwtVerifier jwt;
  private final boolean acceptQueryToken;

  public BearerAuthHandler(TokenRegistry tokens) {
    this(tokens, null, false);
  }

  /**
   * @param jwt the JWT verifier, or null when only static tokens are accepted
   * @param acceptQueryToken also accept the token as an {@code access_token} query parameter
   *     (RFC 6750 §2.3). Only for the events endpoint: browsers cannot set headers on
   *     {@code EventSource} or {@code WebSocket}.
   */
  public BearerAuthHandler(TokenRegistry tokens, JwtVerifier jwt, boolean acceptQueryToken) {
    this.tokens = tokens;
    this.jwt = jwt;
    this.acceptQueryToken = acceptQueryToken;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx.request().getHeader("Authorization"));
    if (token == null && acceptQueryToken) {
      token = ctx.request().getParam("access_token");
    }
    if (jwt != null && JwtVerifier.looksLikeJwt(token)) {
      // The body handler comes after us and resumes the request; until then no body byte may be lost.
      if (ctx.request().method() != HttpMethod.GET) {
        ctx.request().pause();
      }
      jwt.verify(token).onSuccess(p -> admit(ctx, p)).onFailure(e -> {
        ctx.put(CHALLENGE, REALM + ", error=\"invalid_token\"");
        ctx.fail(e);
      });
      return;
    }
    tokens.authenticate(token).ifPresentOrElse(p -> admit(ctx, p), () -> ctx.fail(
        new ScimError(401, null, "missing or invalid bearer token (send 'Authorization: Bearer <token>')")));
  }

  private void admit(RoutingContext ctx, Principal p) {
    String pathTenant = ctx.pathParam("tenant");
    if (pathTenant != null && !pathTenant.equals(p.tenant())) {
      ctx.fail(ScimError.notFound("no such endpoint: " + ctx.request().path()));
      return;
    }
    String scope = requiredScope(ctx.request().method(), ctx.request().path());
    if (!p.has(scope)) {
      ctx.put(CHALLENGE, REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
      ctx.fail(new ScimError(403, null, "the token lacks the scope '" + scope + "' that "
          + ctx.request().method() + " " + ctx.request().path() + " requires"));
      return;
    }
    ctx.put(PRINCIPAL, p);
    ctx.put(TENANT, p.tenant());
    ctx.next();
  }

  /** Reading (GET, searches) needs scim:read, the event stream scim:events, everything else scim:write. */
  static String requiredScope(HttpMethod method, String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.endsWith("/Events")) {
      return Principal.EVENTS;
    }
    if (method == HttpMethod.GET || method == HttpMethod.HEAD
        || (method == HttpMethod.POST && p.endsWith("/.search"))) {
      return Principal.READ;
    }
    return Principal.WRITE;
  }

  /** The token of an {@code Authorization: Bearer x} header; the scheme name ignores case. */
  static String bearerToken(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
