package dev.scimbus.storage.spi;

/**
 * The typed failures of a backend. Providers never speak HTTP; {@code ResourceService} maps these
 * to SCIM errors (409 uniqueness, 412, 404, 503 with Retry-After).
 */
public final class StorageException extends RuntimeException {

  /** What went wrong, independent of the backend. */
  public enum Kind {
    /** A unique key is taken; {@link #attribute()} names it. */
    CONFLICT,
    /** The expected version is not the stored one. */
    PRECONDITION,
    /** The resource does not exist (or not in this tenant). */
    NOT_FOUND,
    /** The backend cannot answer now; retry later. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String attribute;

  public StorageException(Kind kind, String message, String attribute, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.attribute = attribute;
  }

  public static StorageException conflict(String attribute, String message) {
    return new StorageException(Kind.CONFLICT, message, attribute, null);
  }

  public static StorageException precondition(String message) {
    return new StorageException(Kind.PRECONDITION, message, null, null);
  }

  public static StorageException notFound(String message) {
    return new StorageException(Kind.NOT_FOUND, message, null, null);
  }

  public static StorageException unavailable(String message, Throwable cause) {
    return new StorageException(Kind.UNAVAILABLE, message, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The unique attribute of a CONFLICT, else null. */
  public String attribute() {
    return attribute;
  }
}
