package dev.scimbus.storage.bus;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A SCIM error on its way back over the event bus: the failure code is the HTTP status and the
 * {@code scimType} travels with it, so the HTTP verticle rebuilds the exact {@link ScimError}.
 */
public final class ScimReplyException extends ReplyException {
  private final ScimType scimType;

  public ScimReplyException(int status, ScimType scimType, String detail) {
    super(ReplyFailure.RECIPIENT_FAILURE, status, detail);
    this.scimType = scimType;
  }

  public static ScimReplyException of(ScimError e) {
    return new ScimReplyException(e.status(), e.scimType(), e.detail());
  }

  public ScimType scimType() {
    return scimType;
  }

  public ScimError toScimError() {
    return new ScimError(failureCode(), scimType, getMessage());
  }
}
