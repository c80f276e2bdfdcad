package dev.scimbus.server.auth;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** An RSA key pair generated for a test, signing RS256 JWTs and exporting its public key as PEM or JWK. */
public final class TestJwts {
  public static final String ISSUER = "https://idp.example.test";
  public static final String AUDIENCE = "scimbus";

  private final KeyPair keys;
  private final String kid;

  public TestJwts(String kid) {
    this.kid = kid;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      this.keys = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a token valid for five minutes: issuer, audience, tenant and scopes. */
  public static JsonObject claims(String tenant, String scope) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE).put("tenant", tenant).put("scope", scope)
        .put("iat", now).put("exp", now + 300);
  }

  public String sign(JsonObject claims) {
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT");
    if (kid != null) {
      header.put("kid", kid);
    }
    String input = b64(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(keys.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonObject jwk() {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
        .put("n", b64(unsigned(pub.getModulus()))).put("e", b64(unsigned(pub.getPublicExponent())));
  }

  public Path writePem(Path dir) throws java.io.IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(keys.getPublic().getEncoded());
    return Files.writeString(dir.resolve("jwt-public.pem"),
        "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
  }

  private static byte[] unsigned(BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
