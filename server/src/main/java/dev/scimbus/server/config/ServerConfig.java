package dev.scimbus.server.config;

import dev.scimbus.notifications.changelog.RetentionOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code scimbus serve} needs, parsed and checked once at startup. Immutable; the
 * {@code with…} methods return modified copies (tests use them to start servers on free ports).
 *
 * @param http the HTTP listener
 * @param storage the storage URI, e.g. {@code memory:}
 * @param dataDir where node-local state lives (the generated token hash, SQLite files)
 * @param tokens configured bearer tokens; empty means "use or create the default token in dataDir"
 * @param scim SCIM protocol settings
 * @param redis the Redis URI for change fan-out between nodes, or null for local delivery
 * @param bulk limits of {@code POST /Bulk}
 * @param limits the per-tenant rate limit
 * @param jwt JWT bearer token settings, or null when only static tokens are accepted
 * @param retention how long the change log is kept ({@code events.retention.*})
 */
public record ServerConfig(HttpConfig http, String storage, Path dataDir, List<TokenEntry> tokens, ScimConfig scim,
    String redis, BulkConfig bulk, LimitsConfig limits, JwtConfig jwt, RetentionOptions retention) {

  /**
   * One configured bearer token, the tenant it opens and, optionally, the userName of the user it
   * acts as on {@code /Me}. Its {@code toString} hides the token.
   */
  public record TokenEntry(String tenant, String token, String user) {
    public TokenEntry(String tenant, String token) {
      this(tenant, token, null);
    }

    @Override
    public String toString() {
      return "TokenEntry[tenant=" + tenant + ", token=***" + (user == null ? "" : ", user=" + user) + "]";
    }
  }

  public ServerConfig(HttpConfig http, String storage, Path dataDir, List<TokenEntry> tokens, ScimConfig scim,
      String redis) {
    this(http, storage, dataDir, tokens, scim, redis, BulkConfig.defaults(), LimitsConfig.defaults(), null, null);
  }

  public ServerConfig {
    tokens = List.copyOf(tokens);
    bulk = bulk == null ? BulkConfig.defaults() : bulk;
    limits = limits == null ? LimitsConfig.defaults() : limits;
    retention = retention == null ? RetentionOptions.defaults() : retention;
  }

  /** Settings for tests: in-memory storage, no Redis (a bare {@code serve} uses SQLite, see ConfigParser). */
  public static ServerConfig defaults() {
    return new ServerConfig(HttpConfig.defaults(), "memory:", Path.of("./data"), List.of(), ScimConfig.defaults(), null);
  }

  public ServerConfig withHttp(HttpConfig h) {
    return new ServerConfig(h, storage, dataDir, tokens, scim, redis, bulk, limits, jwt, retention);
  }

  public ServerConfig withStorage(String uri) {
    return new ServerConfig(http, uri, dataDir, tokens, scim, redis, bulk, limits, jwt, retention);
  }

  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(http, storage, dir, tokens, scim, redis, bulk, limits, jwt, retention);
  }

  public ServerConfig withTokens(List<TokenEntry> t) {
    return new ServerConfig(http, storage, dataDir, t, scim, redis, bulk, limits, jwt, retention);
  }

  public ServerConfig withScim(ScimConfig s) {
    return new ServerConfig(http, storage, dataDir, tokens, s, redis, bulk, limits, jwt, retention);
  }

  public ServerConfig withBulk(BulkConfig b) {
    return new ServerConfig(http, storage, dataDir, tokens, scim, redis, b, limits, jwt, retention);
  }

  public ServerConfig withLimits(LimitsConfig l) {
    return new ServerConfig(http, storage, dataDir, tokens, scim, redis, bulk, l, jwt, retention);
  }

  public ServerConfig withRedis(String uri) {
    return new ServerConfig(http, storage, dataDir, tokens, scim, uri, bulk, limits, jwt, retention);
  }

  public ServerConfig withRetention(RetentionOptions r) {
    return new ServerConfig(http, storage, dataDir, tokens, scim, redis, bulk, limits, jwt, r);
  }

  public ServerConfig withJwt(JwtConfig j) {
    return new ServerConfig(http, storage, dataDir, tokens, scim, redis, bulk, limits, j, retention);
  }
}
