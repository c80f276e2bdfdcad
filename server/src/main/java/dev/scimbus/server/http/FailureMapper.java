package dev.scimbus.server.http;

import dev.scimbus.scim.ScimError;
import dev.scimbus.storage.bus.ScimReplyException;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever failed a request into the SCIM error the client sees: SCIM errors keep their
 * status, scimType and detail; event-bus failures become 504 (timeout), 503 (no storage) or the
 * storage verticle's status; status-only router failures (404, 405, 413…) get a readable detail;
 * anything else is a 500 with a generic detail and a log line, never a stack trace in the body.
 */
final class FailureMapper {
  private static final Logger LOG = LoggerFactory.getLogger(FailureMapper.class);

  private final long timeoutMs;
  private final long maxBodyBytes;

  FailureMapper(long timeoutMs, long maxBodyBytes) {
    this.timeoutMs = timeoutMs;
    this.maxBodyBytes = maxBodyBytes;
  }

  ScimError toScimError(Throwable failure, int statusCode, String method, String path) {
    if (failure instanceof ScimError e) {
      return e;
    }
    if (failure instanceof ScimReplyException e) {
      return e.toScimError();
    }
    if (failure instanceof ReplyException e) {
      return fromBus(e, method, path);
    }
    if (failure == null) {
      return fromStatus(statusCode, method, path);
    }
    LOG.error("{} {} failed", method, path, failure);
    return internal();
  }

  private ScimError fromBus(ReplyException e, String method, String path) {
    switch (e.failureType()) {
      case TIMEOUT:
        LOG.warn("{} {}: storage did not answer within {} ms", method, path, timeoutMs);
        return new ScimError(504, null, "the storage did not answer within " + timeoutMs + " ms; try again later");
      case NO_HANDLERS:
        LOG.warn("{} {}: no storage verticle is listening", method, path);
        return new ScimError(503, null, "the storage is not available; try again later");
      default:
        int code = e.failureCode();
        if (code >= 400 && code < 600) {
          return new ScimError(code, null, e.getMessage());
        }
        LOG.error("{} {}: storage failed with code {}: {}", method, path, code, e.getMessage());
        return internal();
    }
  }

  private ScimError fromStatus(int status, String method, String path) {
    switch (status) {
      case 404:
        return ScimError.notFound("no such endpoint: " + method + " " + path);
      case 405:
        return new ScimError(405, null, "method " + method + " is not allowed on " + path);
      case 413:
        return new ScimError(413, null, "the request body is larger than the limit of " + maxBodyBytes + " bytes");
      case 400:
        return ScimError.invalidSyntax("the request could not be read");
      default:
        if (status >= 400 && status < 500) {
          return new ScimError(status, null, "the request was rejected");
        }
        LOG.error("{} {} failed with status {}", method, path, status);
        return internal();
    }
  }

  private static ScimError internal() {
    return new ScimError(500, null, "internal server error; the server log has the details");
  }
}
