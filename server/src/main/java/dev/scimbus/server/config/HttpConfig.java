package dev.scimbus.server.config;

/**
 * The HTTP listener settings.
 *
 * @param port TCP port; 0 picks a free port (tests)
 * @param host interface to bind
 * @param instances how many {@code ScimHttpVerticle} instances (event loops) serve requests
 * @param maxBodyBytes the largest request body accepted, larger ones get 413
 * @param requestTimeoutMs how long a request waits for the storage verticle before 504
 * @param trustForwardedHeaders whether {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} decide
 *     the base URL (only behind a proxy that sets them)
 */
public record HttpConfig(int port, String host, int instances, long maxBodyBytes, long requestTimeoutMs,
    boolean trustForwardedHeaders) {

  public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;

  public static HttpConfig defaults() {
    return new HttpConfig(8080, "0.0.0.0", Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_BODY_BYTES,
        30_000, false);
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(newPort, host, instances, maxBodyBytes, requestTimeoutMs, trustForwardedHeaders);
  }

  public HttpConfig withInstances(int n) {
    return new HttpConfig(port, host, n, maxBodyBytes, requestTimeoutMs, trustForwardedHeaders);
  }

  public HttpConfig withMaxBodyBytes(long n) {
    return new HttpConfig(port, host, instances, n, requestTimeoutMs, trustForwardedHeaders);
  }

  public HttpConfig withRequestTimeoutMs(long ms) {
    return new HttpConfig(port, host, instances, maxBodyBytes, ms, trustForwardedHeaders);
  }

  public HttpConfig withTrustForwardedHeaders(boolean trust) {
    return new HttpConfig(port, host, instances, maxBodyBytes, requestTimeoutMs, trust);
  }
}
