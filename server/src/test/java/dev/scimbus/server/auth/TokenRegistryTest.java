package dev.scimbus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {
  @Test
  void aTokenOpensOnlyItsTenant() {
    TokenRegistry r = TokenRegistry.ofHashes(Map.of(TokenHash.of("tokA"), "acme", TokenHash.of("tokB"), "globex"));
    assertThat(r.tenantOf("tokA")).contains("acme");
    assertThat(r.tenantOf("tokB")).contains("globex");
    assertThat(r.tenantOf("tokC")).isEmpty();
    assertThat(r.tenantOf("")).isEmpty();
    assertThat(r.tenantOf(null)).isEmpty();
  }

  @Test
  void hashesAreSha256AndNewTokensAreLongAndUrlSafe() {
    assertThat(TokenHash.of("abc").hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String t = TokenHash.newToken();
    assertThat(t).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(TokenHash.newToken());
  }

  @Test
  void bearerSchemeIgnoresCase() {
    assertThat(BearerAuthHandler.bearerToken("bearer abc")).isEqualTo("abc");
    assertThat(BearerAuthHandler.bearerToken("Bearer  abc ")).isEqualTo("abc");
    assertThat(BearerAuthHandler.bearerToken("Basic abc")).isNull();
    assertThat(BearerAuthHandler.bearerToken(null)).isNull();
  }
}
