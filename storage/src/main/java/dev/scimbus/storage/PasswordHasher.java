package dev.scimbus.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The seam where {@link ResourceService} turns a client's {@code password} into what it stores.
 * The default is Argon2id ({@link #argon2id}) in the PHC string format
 * {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, computed on a worker thread, never on an event
 * loop. Hashes of the earlier {@code {sha256}} scheme still verify, so stored values migrate as
 * passwords change. {@link #verify} is CPU-bound (one Argon2id derivation): call it off the event
 * loop too.
 */
public interface PasswordHasher {

  /** The stored form of {@code plain}; completes on the caller's context. */
  Future<String> hash(String plain);

  /** Whether {@code plain} is the password whose stored form is {@code stored}. */
  boolean verify(String plain, String stored);

  /** Argon2id at {@code params}, verifying the old {@code {sha256}} form as well. */
  static PasswordHasher argon2id(Vertx vertx, Argon2Params params) {
    return new Argon2id(vertx, params);
  }

  /** SHA-256 with a 16-byte random salt: {@code {sha256}base64(salt):base64(hash)}. */
  static PasswordHasher sha256(Vertx vertx) {
    return new Sha256(vertx);
  }

  /**
   * Argon2id (RFC 9106) with a 16-byte random salt and a 32-byte hash, in the PHC string format.
   * Verification takes the parameters from the stored string, so raising the cost later keeps old
   * hashes valid; the comparison is constant-time.
   */
  class Argon2id implements PasswordHasher {
    static final String PREFIX = "$argon2id$";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private final Vertx vertx;
    private final Argon2Params params;
    private final Sha256 legacy;

    Argon2id(Vertx vertx, Argon2Params params) {
      this.vertx = vertx;
      this.params = params == null ? Argon2Params.OWASP : params;
      this.legacy = new Sha256(vertx);
    }

    @Override
    public Future<String> hash(String plain) {
      return vertx.executeBlocking(() -> {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(plain, salt, params, 32);
        return PREFIX + "v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
            + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
      }, false);
    }

    @Override
    public boolean verify(String plain, String stored) {
      if (plain == null || stored == null) {
        return false;
      }
      if (!stored.startsWith(PREFIX)) {
        return legacy.verify(plain, stored);
      }
      // $argon2id$v=19$m=..,t=..,p=..$salt$hash splits into "", argon2id, v=19, params, salt, hash
      String[] parts = stored.split("\\$");
      if (parts.length != 6 || !parts[2].equals("v=19")) {
        return false;
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
          String[] pair = kv.split("=", 2);
          int v = Integer.parseInt(pair[1]);
          switch (pair[0]) {
            case "m" -> m = v;
            case "t" -> t = v;
            case "p" -> p = v;
            default -> {
              return false;
            }
          }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(plain, B64D.decode(parts[4]), new Argon2Params(m, t, p), expected.length);
        return MessageDigest.isEqual(expected, actual);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        return false; // a malformed stored value matches no password
      }
    }

    /** One Argon2id derivation; the CPU- and memory-heavy part. */
    byte[] derive(String plain, byte[] salt, Argon2Params p, int length) {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(p.memoryKiB())
          .withIterations(p.iterations()).withParallelism(p.parallelism()).build());
      byte[] out = new byte[length];
      generator.generateBytes(plain.getBytes(StandardCharsets.UTF_8), out);
      return out;
    }
  }

  /** The earlier hasher, kept to verify {@code {sha256}} values; runs the digest on a worker thread. */
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
      try {
        byte[] salt = Base64.getDecoder().decode(parts[0]);
        return MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), digest(salt, plain));
      } catch (IllegalArgumentException e) {
        return false;
      }
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
