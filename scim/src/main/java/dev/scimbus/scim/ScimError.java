package dev.scimbus.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A SCIM protocol error (RFC 7644 §3.12): an HTTP status, an optional {@code scimType} and a
 * detail a person can act on. It is the only exception the kernel throws for bad input, so that
 * every layer above can turn it into a SCIM Error body without guessing.
 */
public final class ScimError extends RuntimeException {
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  private final int status;
  private final ScimType scimType;

  public ScimError(int status, ScimType scimType, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.scimType = scimType;
  }

  public int status() {
    return status;
  }

  /** May be null: not every error has a scimType (404, 412, 500...). */
  public ScimType scimType() {
    return scimType;
  }

  public String detail() {
    return getMessage();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("schemas", new JsonArray().add(SCHEMA))
        .put("status", Integer.toString(status));
    if (scimType != null) {
      json.put("scimType", scimType.name());
    }
    if (getMessage() != null) {
      json.put("detail", getMessage());
    }
    return json;
  }

  public static ScimError badRequest(ScimType type, String detail) {
    return new ScimError(400, type, detail);
  }

  public static ScimError invalidFilter(String detail) {
    return new ScimError(400, ScimType.invalidFilter, detail);
  }

  public static ScimError invalidSyntax(String detail) {
    return new ScimError(400, ScimType.invalidSyntax, detail);
  }

  public static ScimError invalidPath(String detail) {
    return new ScimError(400, ScimType.invalidPath, detail);
  }

  public static ScimError invalidValue(String detail) {
    return new ScimError(400, ScimType.invalidValue, detail);
  }

  public static ScimError noTarget(String detail) {
    return new ScimError(400, ScimType.noTarget, detail);
  }

  public static ScimError mutability(String detail) {
    return new ScimError(400, ScimType.mutability, detail);
  }

  public static ScimError uniqueness(String detail) {
    return new ScimError(409, ScimType.uniqueness, detail);
  }

  public static ScimError notFound(String detail) {
    return new ScimError(404, null, detail);
  }

  public static ScimError preconditionFailed(String detail) {
    return new ScimError(412, null, detail);
  }

  @Override
  public String toString() {
    return "ScimError{" + status + (scimType == null ? "" : " " + scimType) + ": " + getMessage() + "}";
  }
}
