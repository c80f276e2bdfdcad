package dev.scimbus.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 of a bearer token, the only form in which the server keeps tokens. Tokens are random
 * and long, so a plain hash (no salt, no stretching) is enough to make a leaked hash useless.
 */
public record TokenHash(String hex) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  // Every request hashes its token: MessageDigest.getInstance costs a provider look-up each time.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  });

  public TokenHash {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a token hash is 64 lowercase hex digits");
    }
  }

  public static TokenHash of(String token) {
    return new TokenHash(HexFormat.of().formatHex(digest(token)));
  }

  static byte[] digest(String token) {
    return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares in constant time, so response timing says nothing about how much of a hash matched. */
  public boolean matches(String token) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(hex), digest(token));
  }

  /** A new random token: 32 bytes, base64url without padding. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
