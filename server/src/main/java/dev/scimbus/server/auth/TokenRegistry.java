package dev.scimbus.server.auth;

import dev.scimbus.server.config.ServerConfig.TokenEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant (and, optionally, which user) a static bearer token opens. Holds only SHA-256
 * hashes: a presented token is hashed, the hash is looked up, and the match is confirmed with a
 * constant-time comparison. Immutable and safe to share between event loops.
 */
public final class TokenRegistry {
  private final Map<String, Entry> byHash;

  private record Entry(TokenHash hash, String tenant, String user) {}

  private TokenRegistry(Map<String, Entry> byHash) {
    this.byHash = Collections.unmodifiableMap(byHash);
  }

  /** A registry over tenant → token hash pairs (tokens bound to no user). */
  public static TokenRegistry ofHashes(Map<TokenHash, String> tenantsByHash) {
    Map<String, Entry> m = new LinkedHashMap<>();
    tenantsByHash.forEach((h, t) -> m.put(h.hex(), new Entry(h, t, null)));
    return new TokenRegistry(m);
  }

  /** A registry over configured tokens; only their hashes are kept. */
  public static TokenRegistry of(List<TokenEntry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (TokenEntry e : entries) {
      TokenHash h = TokenHash.of(e.token());
      m.put(h.hex(), new Entry(h, e.tenant(), e.user()));
    }
    return new TokenRegistry(m);
  }

  /** The principal the token stands for, if it is one of ours. */
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Entry e = byHash.get(TokenHash.of(token).hex());
    return e != null && e.hash().matches(token) ? Optional.of(Principal.ofStaticToken(e.tenant(), e.user()))
        : Optional.empty();
  }

  /** The tenant the token opens, if any. */
  public Optional<String> tenantOf(String token) {
    return authenticate(token).map(Principal::tenant);
  }

  public int size() {
    return byHash.size();
  }
}
