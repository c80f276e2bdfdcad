package dev.scimbus.loadtest;

/**
 * An answer outside 2xx. Carrying method, path and the start of the body makes the error samples
 * in the result file useful without a packet capture.
 */
public final class HttpStatusException extends RuntimeException {

  private final int status;

  public HttpStatusException(String method, String path, int status, String body) {
    super(method + " " + path + " -> " + status + (body == null || body.isEmpty() ? "" : " " + body), null,
        false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
