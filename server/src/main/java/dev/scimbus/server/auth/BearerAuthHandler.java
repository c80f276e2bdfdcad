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

  public BearerAuthHandler(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<String> tenant = tokens.tenantOf(bearerToken(ctx.request().getHeader("Authorization")));
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
