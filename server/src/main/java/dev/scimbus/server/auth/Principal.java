package dev.scimbus.server.auth;

import java.util.Set;

/**
 * Who an authenticated request acts for: its tenant, the scopes it was granted and, when the
 * credential is bound to a subject, the userName {@code /Me} resolves to. Static tokens carry every
 * scope; JWTs carry the scopes of their scope claim.
 *
 * @param tenant the tenant every operation of the request is scoped to
 * @param scopes granted scopes, e.g. {@link #READ}
 * @param userName the subject's userName, or null when the credential is not bound to a user
 */
public record Principal(String tenant, Set<String> scopes, String userName) {
  public static final String READ = "scim:read";
  public static final String WRITE = "scim:write";
  public static final String EVENTS = "scim:events";
  public static final Set<String> ALL_SCOPES = Set.of(READ, WRITE, EVENTS);

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** A configured static token: every scope. */
  public static Principal ofStaticToken(String tenant, String userName) {
    return new Principal(tenant, ALL_SCOPES, userName);
  }

  public boolean has(String scope) {
    return scopes.contains(scope);
  }
}
