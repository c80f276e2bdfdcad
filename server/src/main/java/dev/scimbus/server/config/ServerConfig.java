package dev.scimbus.server.config;

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
 */
public record ServerConfig(HttpConfig http, String storage, Path dataDir, List<TokenEntry> tokens, ScimConfig scim,
    String redis) {

  /** One configured bearer token and the tenant it opens. Its {@code toString} hides the token. */
  public record TokenEntry(String tenant, String token) {
    @Override
    public String toString() {
      return "TokenEntry[tenant=" + tenant + ", token=***]";
    }
  }

  public ServerConfig {
    tokens = List.copyOf(tokens);
  }

  /** Settings for tests: in-memory storage, no Redis (a bare {@code serve} uses SQLite, see ConfigParser). */
  public static ServerConfig defaults() {
    return new ServerConfig(HttpConfig.defaults(), "memory:", Path.of("./data"), List.of(), ScimConfig.defaults(), null);
  }

  public ServerConfig withHttp(HttpConfig h) {
    return new ServerConfig(h, storage, dataDir, tokens, scim, redis);
  }

  public ServerConfig withStorage(String uri) {
    return new ServerConfig(http, uri, dataDir, tokens, scim, redis);
  }

  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(http, storage, dir, tokens, scim, redis);
  }

  public ServerConfig withTokens(List<TokenEntry> t) {
    return new ServerConfig(http, storage, dataDir, t, scim, redis);
  }

  public ServerConfig withScim(ScimConfig s) {
    return new ServerConfig(http, storage, dataDir, tokens, s, redis);
  }
}
