package dev.scimbus.server.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant a bearer token opens. Holds only SHA-256 hashes: a presented token is hashed, the
 * hash is looked up, and the match is confirmed with a constant-time comparison. Immutable and
 * safe to share between event loops.
 */
public final class TokenRegistry {
  private final Map<String, Entry> byHash;

  private record Entry(TokenHash hash, String tenant) {}

  private TokenRegistry(Map<String, Entry> byHash) {
    this.byHash = Collections.unmodifiableMap(byHash);
  }

  /** A registry over tenant → token hash pairs. */
  public static TokenRegistry ofHashes(Map<TokenHash, String> tenantsByHash) {
    Map<String, Entry> m = new LinkedHashMap<>();
    tenantsByHash.forEach((h, t) -> m.put(h.hex(), new Entry(h, t)));
    return new TokenRegistry(m);
  }

  /** The tenant the token opens, if any. */
  public Optional<String> tenantOf(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Entry e = byHash.get(TokenHash.of(token).hex());
    return e != null && e.hash().matches(token) ? Optional.of(e.tenant()) : Optional.empty();
  }

  public int size() {
    return byHash.size();
  }
}
