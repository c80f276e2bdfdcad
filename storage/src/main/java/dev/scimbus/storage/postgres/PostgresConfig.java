package dev.scimbus.storage.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of the PostgreSQL backend, parsed from a {@code postgresql://} URI such as
 * {@code postgresql://scim:secret@db:5432/scimbus?poolSize=32&connectTimeout=5s&queryTimeout=10s
 * &readReplicas=replica1:5432,replica2&tenancy=schema&schemaPrefix=scimbus_t_}. Durations are
 * milliseconds or carry a unit ({@code 500ms}, {@code 5s}, {@code 2m}). Tenancy comes from the
 * {@code tenancy} parameter, else from {@code SCIMBUS_POSTGRES_TENANCY}, else shared tables.
 * Unknown parameters are rejected so a typo never silently falls back to a default.
 *
 * @param schema the schema of the shared tables (shared tenancy) and of nothing else
 * @param schemaPrefix the prefix of every tenant schema (schema tenancy)
 * @param queryTimeout how long one storage call may take before it fails as unavailable
 */
public record PostgresConfig(String host, int port, String database, String user, String password, int poolSize,
    Duration connectTimeout, Duration idleTimeout, Duration queryTimeout, List<HostPort> readReplicas,
    Tenancy tenancy, String schema, String schemaPrefix) {

  /** Where tenants' data lives. */
  public enum Tenancy {
    /** One set of tables, every row carries its tenant (the default). */
    SHARED,
    /** One PostgreSQL schema per tenant, created and migrated on the tenant's first write. */
    SCHEMA
  }

  /** A read replica's address. */
  public record HostPort(String host, int port) {}

  public static final int DEFAULT_PORT = 5432;
  /** Lower-case identifiers only: they are quoted anyway, but stay easy to type in psql. */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,29}");
  private static final Set<String> PARAMETERS = Set.of("poolsize", "connecttimeout", "idletimeout", "querytimeout",
      "readreplicas", "tenancy", "schema", "schemaprefix", "user", "password");

  public PostgresConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("PostgreSQL URI names no host");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("PostgreSQL URI names no database: write postgresql://host:5432/DATABASE");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' must be a lower-case identifier ([a-z_][a-z0-9_]*, at most 30)");
    }
    if (!IDENTIFIER.matcher(schemaPrefix).matches()) {
      throw new IllegalArgumentException("schemaPrefix '" + schemaPrefix
          + "' must be a lower-case identifier ([a-z_][a-z0-9_]*, at most 30)");
    }
    readReplicas = List.copyOf(readReplicas);
  }

  /** Parses {@code uri}, taking the tenancy default from the process environment. */
  public static PostgresConfig parse(String uri) {
    return parse(uri, System.getenv());
  }

  /** Parses {@code uri}; {@code env} supplies {@code SCIMBUS_POSTGRES_TENANCY} when the URI does not say. */
  public static PostgresConfig parse(String uri, Map<String, String> env) {
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Not a PostgreSQL URI: " + e.getMessage());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new IllegalArgumentException("A PostgreSQL URI starts with postgresql://, not '" + uri + "'");
    }
    Map<String, String> q = query(u.getRawQuery());
    String user = "postgres";
    String password = null;
    if (u.getRawUserInfo() != null) {
      String[] parts = u.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    user = q.getOrDefault("user", user);
    password = q.getOrDefault("password", password);
    String path = u.getPath() == null ? "" : u.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    String tenancyText = q.getOrDefault("tenancy", env.getOrDefault("SCIMBUS_POSTGRES_TENANCY", "shared"));
    return new PostgresConfig(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), database, user, password,
        integer(q, "poolSize", 16), duration(q, "connectTimeout", Duration.ofSeconds(5)),
        duration(q, "idleTimeout", Duration.ofMinutes(5)), duration(q, "queryTimeout", Duration.ofSeconds(10)),
        replicas(q.get("readreplicas")), tenancy(tenancyText), q.getOrDefault("schema", "public"),
        q.getOrDefault("schemaprefix", "scimbus_t_"));
  }

  /** The JDBC URL Flyway migrates through. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout="
        + Math.max(1, connectTimeout.toSeconds()) + "&socketTimeout=" + Math.max(60, queryTimeout.toSeconds() * 6);
  }

  /** A copy with another database, for tools and tests that create databases. */
  public PostgresConfig withDatabase(String other) {
    return new PostgresConfig(host, port, other, user, password, poolSize, connectTimeout, idleTimeout, queryTimeout,
        readReplicas, tenancy, schema, schemaPrefix);
  }

  @Override
  public String toString() {
    // never print the password
    return "PostgresConfig[" + user + "@" + host + ":" + port + "/" + database + ", pool " + poolSize + ", tenancy "
        + tenancy + ", replicas " + readReplicas + "]";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (!PARAMETERS.contains(key)) {
        throw new IllegalArgumentException("Unknown PostgreSQL URI parameter '" + key + "'; known: poolSize, "
            + "connectTimeout, idleTimeout, queryTimeout, readReplicas, tenancy, schema, schemaPrefix, user, password");
      }
      out.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static int integer(Map<String, String> q, String name, int dflt) {
    String v = q.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
    }
  }

  static Duration duration(Map<String, String> q, String name, Duration dflt) {
    String v = q.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      return dflt;
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      } else {
        d = Duration.ofMillis(Long.parseLong(s));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was '" + v + "'");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a duration like 500ms, 5s or 2m, was '" + v + "'");
    }
  }

  private static List<HostPort> replicas(String v) {
    List<HostPort> out = new ArrayList<>();
    if (v == null || v.isBlank()) {
      return out;
    }
    for (String part : v.split(",")) {
      String p = part.trim();
      int colon = p.lastIndexOf(':');
      try {
        out.add(colon < 0 ? new HostPort(p, DEFAULT_PORT)
            : new HostPort(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("readReplicas must be host:port,host:port, was '" + v + "'");
      }
    }
    return out;
  }

  private static Tenancy tenancy(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "shared", "" -> Tenancy.SHARED;
      case "schema" -> Tenancy.SCHEMA;
      default -> throw new IllegalArgumentException("tenancy must be 'shared' or 'schema', was '" + v + "'");
    };
  }
}
