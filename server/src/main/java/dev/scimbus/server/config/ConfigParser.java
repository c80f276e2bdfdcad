package dev.scimbus.server.config;

import dev.scimbus.notifications.changelog.RetentionOptions;
import dev.scimbus.storage.Argon2Params;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the merged configuration sources into a checked {@link ServerConfig}. Every key
 * {@code a.bC} can come from the configuration file (nested: {@code a: {bC: …}}), the environment
 * ({@code SCIMBUS_A_B_C}) or a system property ({@code scimbus.a.bC}); the later source wins. A
 * bad value fails with a {@link ConfigException} naming the key, the value, what is allowed and
 * where the value came from.
 */
public final class ConfigParser {
  /** The PATCH quirk switches accepted under {@code scim.patch.*}, as PatchOptions names them. */
  public static final List<String> PATCH_SWITCHES = List.of("caseInsensitiveOps", "booleanStrings",
      "removeMembersByValueArray", "addThroughFilterMerges", "managerAsString", "caseInsensitiveAttributeNames",
      "replaceWithoutPathAcceptsActive");

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private final JsonObject merged;
  private final String fileLabel;

  private ConfigParser(JsonObject merged, String fileLabel) {
    this.merged = merged;
    this.fileLabel = fileLabel;
  }

  /**
   * @param merged the file's tree plus environment variables and system properties as flat keys
   *     (what the Vert.x Config retriever returns)
   * @param fileLabel how to name the file in messages, e.g. {@code conf/scimbus.yaml}
   */
  public static ServerConfig parse(JsonObject merged, String fileLabel) {
    return new ConfigParser(merged, fileLabel).parse();
  }

  private ServerConfig parse() {
    HttpConfig d = HttpConfig.defaults();
    HttpConfig http = new HttpConfig(
        intIn("http.port", d.port(), 0, 65535, "an integer 0..65535 (0 = any free port)"),
        string("http.host", d.host()),
        intIn("http.instances", d.instances(), 1, 1024, "an integer 1..1024"),
        longIn("http.maxBodyBytes", d.maxBodyBytes(), 1024, Integer.MAX_VALUE, "a number of bytes 1024..2147483647"),
        longIn("http.requestTimeoutMs", d.requestTimeoutMs(), 1, 3_600_000, "milliseconds 1..3600000"),
        bool("http.trustForwardedHeaders", d.trustForwardedHeaders()));
    ScimConfig s = ScimConfig.defaults();
    int maxPage = intIn("scim.maxPageSize", s.maxPageSize(), 1, 100_000, "an integer 1..100000");
    int defaultPage = intIn("scim.defaultPageSize", Math.min(s.defaultPageSize(), maxPage), 1, maxPage,
        "an integer 1..scim.maxPageSize (" + maxPage + ")");
    String schemasFile = string("scim.schemasFile", null);
    Argon2Params a = s.argon2();
    int argonParallelism = intIn("scim.argon2.parallelism", a.parallelism(), 1, 64, "an integer 1..64");
    Argon2Params argon2 = new Argon2Params(
        intIn("scim.argon2.memoryKib", a.memoryKiB(), 8 * argonParallelism, 4_194_304,
            "KiB " + (8 * argonParallelism) + "..4194304 (at least 8 per lane)"),
        intIn("scim.argon2.iterations", a.iterations(), 1, 100, "an integer 1..100"),
        argonParallelism);
    String cursorSecret = string("scim.cursorSecret", null);
    ScimConfig scim = new ScimConfig(maxPage, defaultPage,
        intIn("scim.filterMaxLength", s.filterMaxLength(), 16, 1_000_000, "an integer 16..1000000"),
        intIn("scim.filterMaxDepth", s.filterMaxDepth(), 1, 1000, "an integer 1..1000"),
        schemasFile == null || schemasFile.isBlank() ? null : Path.of(schemasFile),
        patchSwitches(),
        bool("scim.ignoreUnknownAttributes", s.ignoreUnknownAttributes()),
        longIn("scim.cursorTimeoutSeconds", s.cursorTimeoutSeconds(), 1, 7 * 86_400, "seconds 1..604800"),
        cursorSecret == null || cursorSecret.isBlank() ? null : cursorSecret,
        argon2);
    String dataDir = string("dataDir", "./data");
    if (dataDir.isBlank()) {
      throw bad("dataDir", lookup("dataDir"), "a folder path");
    }
    // Zero configuration means a SQLite file in the data folder: data survives restarts.
    String storage = string("storage", "sqlite:" + Path.of(dataDir).resolve("scimbus.db")).trim();
    if (!SCHEME.matcher(storage).matches()) {
      Raw raw = lookup("storage");
      throw bad("storage", raw, "a storage URI such as 'memory:' or 'sqlite:PATH'");
    }
    String redis = string("redis", null);
    if (redis != null && !redis.isBlank() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
      throw bad("redis", lookup("redis"), "a Redis URI such as 'redis://host:6379'");
    }
    return new ServerConfig(http, storage, Path.of(dataDir), tokens(), scim,
        redis == null || redis.isBlank() ? null : redis, bulk(), limits(), jwt(), retention());
  }

  private RetentionOptions retention() {
    String durations = "a duration such as 7d, 12h, 30m, 90s or 500ms (a bare number is seconds; 0 = no age limit)";
    return new RetentionOptions(
        duration("events.retention.maxAge", RetentionOptions.DEFAULT_MAX_AGE, durations),
        longIn("events.retention.maxRows", RetentionOptions.DEFAULT_MAX_ROWS, 0, Long.MAX_VALUE,
            "a number of rows per tenant >= 0 (0 = no count limit)"),
        Duration.ofSeconds(longIn("events.retention.intervalSeconds", RetentionOptions.DEFAULT_INTERVAL.toSeconds(), 1,
            86_400, "seconds 1..86400")));
  }

  private Duration duration(String key, Duration dflt, String allowed) {
    Raw raw = lookup(key);
    if (raw == null) {
      return dflt;
    }
    Matcher m = DURATION.matcher(raw.value().toString().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(key, raw, allowed);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private BulkConfig bulk() {
    return new BulkConfig(
        intIn("bulk.maxOperations", BulkConfig.DEFAULT_MAX_OPERATIONS, 1, 1_000_000, "an integer 1..1000000"),
        longIn("bulk.maxPayloadSize", BulkConfig.DEFAULT_MAX_PAYLOAD_SIZE, 1024, Integer.MAX_VALUE,
            "a number of bytes 1024..2147483647"));
  }

  private LimitsConfig limits() {
    Raw raw = lookup("limits.ratePerSecond");
    double rate = 0;
    if (raw != null) {
      try {
        rate = Double.parseDouble(raw.value().toString().trim());
      } catch (NumberFormatException e) {
        rate = -1;
      }
      if (!(rate >= 0 && rate <= 1_000_000)) {
        throw bad("limits.ratePerSecond", raw, "a number of requests per second 0..1000000 (0 = no limit)");
      }
    }
    return new LimitsConfig(rate, intIn("limits.burst", 0, 0, 10_000_000,
        "an integer 0..10000000 (0 = one second's worth of requests)"));
  }

  /** JWT validation is on when an issuer is configured; then exactly one key source is required. */
  private JwtConfig jwt() {
    String issuer = string("auth.jwt.issuer", null);
    if (issuer == null || issuer.isBlank()) {
      for (String key : List.of("auth.jwt.jwksUrl", "auth.jwt.publicKeyPem", "auth.jwt.audience")) {
        if (lookup(key) != null) {
          throw new ConfigException(key + " is set (from " + lookup(key).source()
              + ") but auth.jwt.issuer is not; JWT bearer tokens need an issuer to check");
        }
      }
      return null;
    }
    String jwks = blankToNull(string("auth.jwt.jwksUrl", null));
    String pem = blankToNull(string("auth.jwt.publicKeyPem", null));
    if ((jwks == null) == (pem == null)) {
      throw new ConfigException("auth.jwt.issuer is set, so exactly one of auth.jwt.jwksUrl and auth.jwt.publicKeyPem "
          + "must name the signing keys (" + (jwks == null ? "neither is set" : "both are set") + ")");
    }
    if (jwks != null && !jwks.startsWith("http://") && !jwks.startsWith("https://")) {
      throw bad("auth.jwt.jwksUrl", lookup("auth.jwt.jwksUrl"), "an http:// or https:// URL");
    }
    return new JwtConfig(issuer, blankToNull(string("auth.jwt.audience", null)), jwks,
        pem == null ? null : Path.of(pem),
        string("auth.jwt.algorithm", JwtConfig.DEFAULT_ALGORITHM),
        string("auth.jwt.tenantClaim", JwtConfig.DEFAULT_TENANT_CLAIM),
        string("auth.jwt.scopeClaim", JwtConfig.DEFAULT_SCOPE_CLAIM),
        string("auth.jwt.subjectClaim", JwtConfig.DEFAULT_SUBJECT_CLAIM),
        intIn("auth.jwt.leewaySeconds", JwtConfig.DEFAULT_LEEWAY_SECONDS, 0, 3600, "seconds 0..3600"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Whether a tenant name is usable in configuration and in {@code /tenants/{tenant}/…} paths. */
  public static boolean isValidTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  // ---- sources ------------------------------------------------------------------------------

  /** A value and the place it came from, for messages. */
  private record Raw(Object value, String source) {}

  /** The environment variable name of a key: {@code http.maxBodyBytes} → {@code SCIMBUS_HTTP_MAX_BODY_BYTES}. */
  public static String envName(String key) {
    return "SCIMBUS_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The system property name of a key: {@code scimbus.} + key. */
  public static String sysName(String key) {
    return "scimbus." + key;
  }

  private Raw lookup(String key) {
    String sys = sysName(key);
    if (merged.containsKey(sys) && merged.getValue(sys) != null) {
      return new Raw(merged.getValue(sys), "system property " + sys);
    }
    String env = envName(key);
    if (merged.containsKey(env) && merged.getValue(env) != null) {
      return new Raw(merged.getValue(env), env);
    }
    Object node = merged;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject obj) || !obj.containsKey(part)) {
        return null;
      }
      node = obj.getValue(part);
    }
    return node == null ? null : new Raw(node, key + " in " + fileLabel);
  }

  private static ConfigException bad(String key, Raw raw, String allowed) {
    return new ConfigException(key + " must be " + allowed + ", got '" + raw.value() + "' (from " + raw.source() + ")");
  }

  private String string(String key, String dflt) {
    Raw raw = lookup(key);
    if (raw == null) {
      return dflt;
    }
    if (raw.value() instanceof JsonObject || raw.value() instanceof io.vertx.core.json.JsonArray) {
      throw bad(key, raw, "a single value");
    }
    return raw.value().toString();
  }

  private long longIn(String key, long dflt, long min, long max, String allowed) {
    Raw raw = lookup(key);
    if (raw == null) {
      return dflt;
    }
    long v;
    try {
      v = Long.parseLong(raw.value().toString().trim());
    } catch (NumberFormatException e) {
      throw bad(key, raw, allowed);
    }
    if (v < min || v > max) {
      throw bad(key, raw, allowed);
    }
    return v;
  }

  private int intIn(String key, int dflt, int min, int max, String allowed) {
    return (int) longIn(key, dflt, min, max, allowed);
  }

  private boolean bool(String key, boolean dflt) {
    Raw raw = lookup(key);
    return raw == null ? dflt : toBool(key, raw);
  }

  private static boolean toBool(String key, Raw raw) {
    String v = raw.value().toString().trim();
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw bad(key, raw, "true or false");
  }

  // ---- composite keys -----------------------------------------------------------------------

  private Map<String, Boolean> patchSwitches() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    Raw section = lookupFileOnly("scim.patch");
    if (section != null) {
      if (!(section.value() instanceof JsonObject obj)) {
        throw bad("scim.patch", section, "a map of switch names to true/false");
      }
      for (String name : obj.fieldNames()) {
        if (!PATCH_SWITCHES.contains(name)) {
          throw new ConfigException("scim.patch." + name + " is not a known PATCH switch (from " + section.source()
              + "); allowed: " + String.join(", ", PATCH_SWITCHES));
        }
      }
    }
    for (String name : PATCH_SWITCHES) {
      String key = "scim.patch." + name;
      Raw raw = lookup(key);
      if (raw != null) {
        out.put(name, toBool(key, raw));
      }
    }
    return out;
  }

  private Raw lookupFileOnly(String key) {
    Object node = merged;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject obj) || !obj.containsKey(part)) {
        return null;
      }
      node = obj.getValue(part);
    }
    return node == null ? null : new Raw(node, key + " in " + fileLabel);
  }

  private List<ServerConfig.TokenEntry> tokens() {
    Raw raw = lookup("auth.tokens");
    if (raw == null) {
      return List.of();
    }
    List<ServerConfig.TokenEntry> out = new ArrayList<>();
    if (raw.value() instanceof JsonObject map) {
      for (String tenant : map.fieldNames()) {
        Object token = map.getValue(tenant);
        out.add(entry(tenant, token == null ? "" : token.toString(), raw));
      }
    } else {
      for (String pair : raw.value().toString().split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw tokenError(raw, "an entry without '=' (expected tenant=token)");
        }
        out.add(entry(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim(), raw));
      }
    }
    Set<String> seen = new HashSet<>();
    for (ServerConfig.TokenEntry e : out) {
      if (!seen.add(e.token())) {
        throw tokenError(raw, "the same token listed twice (tenant '" + e.tenant() + "')");
      }
    }
    return out;
  }

  /** {@code token} or {@code token:userName}: the optional user is who the token acts as on /Me. */
  private static ServerConfig.TokenEntry entry(String tenant, String tokenAndUser, Raw raw) {
    int colon = tokenAndUser.indexOf(':');
    String token = colon < 0 ? tokenAndUser : tokenAndUser.substring(0, colon);
    String user = colon < 0 ? null : tokenAndUser.substring(colon + 1).trim();
    if (user != null && user.isEmpty()) {
      throw tokenError(raw, "an empty userName after ':' for tenant '" + tenant + "'");
    }
    if (!TENANT.matcher(tenant).matches()) {
      throw tokenError(raw, "tenant '" + tenant + "' (a tenant is 1..64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
    }
    if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == ',')) {
      throw tokenError(raw, "an empty token or one with spaces or commas for tenant '" + tenant + "'");
    }
    return new ServerConfig.TokenEntry(tenant, token, user);
  }

  // Never echoes the value: it holds secrets.
  private static ConfigException tokenError(Raw raw, String problem) {
    return new ConfigException("auth.tokens must be 'tenant=token[:userName],tenant2=token2' or a map of tenant to"
        + " token[:userName]; found "
        + problem + " (from " + raw.source() + ")");
  }
}
