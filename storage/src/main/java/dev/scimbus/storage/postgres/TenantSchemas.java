package dev.scimbus.storage.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Maps tenant names to PostgreSQL schema names for schema-per-tenant tenancy. The mapping is
 * injective, so two tenants can never share a schema: a tenant that is already a short lower-case
 * identifier without {@code "__"} keeps its name; any other tenant becomes its sanitized form plus
 * {@code "__"} and 64 bits of its SHA-256, which no plain name can produce. Names are quoted
 * wherever they appear in SQL as well, so no tenant can inject SQL.
 */
final class TenantSchemas {
  /** PostgreSQL truncates identifiers at 63 bytes; stay below. */
  static final int MAX_IDENTIFIER = 63;
  private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");

  private TenantSchemas() {}

  static String schemaName(String prefix, String tenant) {
    if (tenant == null || tenant.isEmpty()) {
      throw new IllegalArgumentException("tenant must not be empty");
    }
    int room = MAX_IDENTIFIER - prefix.length();
    if (PLAIN.matcher(tenant).matches() && !tenant.contains("__") && !tenant.endsWith("_") && tenant.length() <= room) {
      return prefix + tenant;
    }
    String hash = "__" + HexFormat.of().formatHex(sha256(tenant), 0, 8);
    String clean = tenant.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    int keep = Math.max(0, Math.min(clean.length(), room - hash.length()));
    return prefix + clean.substring(0, keep) + hash;
  }

  /** A double-quoted identifier; quotes inside are doubled (schema names never contain any, but be safe). */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
