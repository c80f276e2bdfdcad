package dev.scimbus.server.config;

/**
 * Limits of {@code POST /Bulk} (RFC 7644 §3.7.4), published in {@code /ServiceProviderConfig}.
 *
 * @param maxOperations the most operations one BulkRequest may carry; more get 413
 * @param maxPayloadSize the largest BulkRequest body in bytes; larger ones get 413 before the body
 *     is read to its end
 */
public record BulkConfig(int maxOperations, long maxPayloadSize) {
  public static final int DEFAULT_MAX_OPERATIONS = 1000;
  public static final long DEFAULT_MAX_PAYLOAD_SIZE = 1024L * 1024;

  public static BulkConfig defaults() {
    return new BulkConfig(DEFAULT_MAX_OPERATIONS, DEFAULT_MAX_PAYLOAD_SIZE);
  }
}
