package dev.scimbus.server.config;

import java.nio.file.Path;

/**
 * JWT bearer tokens (RFC 7519, RFC 9068 style access tokens). Configured when {@code auth.jwt.issuer}
 * is set; keys come from a JWKS URL or one PEM public key file.
 *
 * @param issuer the required {@code iss}
 * @param audience the required {@code aud} (one of the token's audiences), or null for any
 * @param jwksUrl where to fetch the signing keys (JWKS), or null
 * @param publicKeyPem a PEM file with the public key, used when there is no jwksUrl
 * @param algorithm the signature algorithm of the PEM key, e.g. {@code RS256}
 * @param tenantClaim the claim naming the tenant
 * @param scopeClaim the claim holding scopes, a space-separated string or an array
 * @param subjectClaim the claim whose value is the userName {@code /Me} resolves to
 * @param leewaySeconds allowed clock skew for {@code exp}, {@code nbf} and {@code iat}
 */
public record JwtConfig(String issuer, String audience, String jwksUrl, Path publicKeyPem, String algorithm,
    String tenantClaim, String scopeClaim, String subjectClaim, int leewaySeconds) {

  public static final String DEFAULT_TENANT_CLAIM = "tenant";
  public static final String DEFAULT_SCOPE_CLAIM = "scope";
  public static final String DEFAULT_SUBJECT_CLAIM = "sub";
  public static final String DEFAULT_ALGORITHM = "RS256";
  public static final int DEFAULT_LEEWAY_SECONDS = 30;

  /** A configuration with the default claims; tests and callers adjust it with the {@code with…} methods. */
  public static JwtConfig of(String issuer, String audience, String jwksUrl, Path publicKeyPem) {
    return new JwtConfig(issuer, audience, jwksUrl, publicKeyPem, DEFAULT_ALGORITHM, DEFAULT_TENANT_CLAIM,
        DEFAULT_SCOPE_CLAIM, DEFAULT_SUBJECT_CLAIM, DEFAULT_LEEWAY_SECONDS);
  }
}
