package dev.scimbus.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The seam where {@link ResourceService} turns a client's {@code password} into what it stores.
 * The default salts and hashes with SHA-256 off the event loop; a later change swaps in Argon2id
 * behind the same interface. Stored values carry a {@code {scheme}} prefix so that hashes of
 * different schemes can coexist during a migration.
 */
public interface PasswordHasher {

  /** The stored form of {@code plain}; completes on the caller's context. */
  Future<String> hash(String plain);

  /** Whether {@code plain} is the password whose stored form is {@code stored}. */
  boolean verify(String plain, String stored);

  /** SHA-256 with a 16-byte random salt: {@code {sha256}base64(salt):base64(hash)}. */
  static PasswordHasher sha256(Vertx vertx) {
    return new Sha256(vertx);
  }

  /** The default hasher; runs the digest on a worker thread. */
  final class Sha256 implements PasswordHasher {
    private static final String PREFIX = "{sha256}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Vertx vertx;

    Sha256(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public Future<String> hash(String plain) {
      return vertx.executeBlocking(() -> {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return format(salt, digest(salt, plain));
      }, false);
    }

    @Override
    public boolean verify(String plain, String stored) {
      if (plain == null || stored == null || !stored.startsWith(PREFIX)) {
        return false;
      }
      String[] parts = stored.substring(PREFIX.length()).split(":", 2);
      if (parts.length != 2) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[0]);
      return MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), digest(salt, plain));
    }

    private static String format(byte[] salt, byte[] hash) {
      Base64.Encoder b64 = Base64.getEncoder();
      return PREFIX + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    private static byte[] digest(byte[] salt, String plain) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt);
        return md.digest(plain.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }
}
