package dev.scimbus.server.auth;

import dev.scimbus.scim.ScimError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Authenticates a SCIM request by its {@code Authorization: Bearer} token and decides its tenant:
 * the credential's. On a {@code /tenants/{tenant}/…} path a different tenant answers 404, exactly
 * like a tenant that does not exist, so a token cannot be used to probe for other tenants.
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {
  /** Routing-context key of the authenticated tenant. */
  public static final String TENANT = "scimbus.tenant";

  private final TokenRegistry tokens;
  private final boolean acceptQueryToken;

  public BearerAuthHandler(TokenRegistry tokens) {
    this(tokens, false);
  }

  /**
   * @param acceptQueryToken also accept the token as an {@code access_token} query parameter
   *     (RFC 6750 §2.3). Only for the events endpoint: browsers cannot set headers on
   *     {@code EventSource} or {@code WebSocket}.
   */
  public BearerAuthHandler(TokenRegistry tokens, boolean acceptQueryToken) {
    this.tokens = tokens;
    this.acceptQueryToken = acceptQueryToken;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx.request().getHeader("Authorization"));
    if (token == null && acceptQueryToken) {
      token = ctx.request().getParam("access_token");
    }
    Optional<String> tenant = tokens.tenantOf(token);
    if (tenant.isEmpty()) {
      ctx.fail(new ScimError(401, null, "missing or invalid bearer token (send 'Authorization: Bearer <token>')"));
      return;
    }
    String pathTenant = ctx.pathParam("tenant");
    if (pathTenant != null && !pathTenant.equals(tenant.get())) {
      ctx.fail(ScimError.notFound("no such endpoint: " + ctx.request().path()));
      return;
    }
    ctx.put(TENANT, tenant.get());
    ctx.next();
  }

  /** The token of an {@code Authorization: Bearer x} header; the scheme name ignores case. */
  static String bearerToken(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
