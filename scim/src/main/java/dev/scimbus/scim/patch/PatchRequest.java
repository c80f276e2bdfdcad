package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a PatchOp message (RFC 7644 §3.5.2): the {@code schemas} URN, a non-empty
 * {@code Operations} array of objects, each with a known {@code op}, a string {@code path} where
 * one is given, a value for {@code add}, and a path for {@code remove}. The operations it returns
 * are then applied by {@link PatchEngine}, which repeats the per-operation checks so that
 * operations built by hand are held to the same rules.
 */
public final class PatchRequest {
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private PatchRequest() {}

  /** {@link #parse(JsonObject, PatchOptions)} with {@link PatchOptions#LENIENT}. */
  public static List<PatchOperation> parse(JsonObject body) {
    return parse(body, PatchOptions.LENIENT);
  }

  public static List<PatchOperation> parse(JsonObject body, PatchOptions options) {
    if (body == null) {
      throw ScimError.invalidSyntax("A PATCH request needs a JSON object body (a PatchOp message)");
    }
    Object schemas = JsonKeys.get(body, "schemas");
    if (!(schemas instanceof JsonArray a) || !a.contains(SCHEMA)) {
      throw ScimError.invalidSyntax("A PATCH request body must list \"" + SCHEMA + "\" in \"schemas\"");
    }
    Object operations = JsonKeys.get(body, "Operations");
    if (!(operations instanceof JsonArray ops) || ops.isEmpty()) {
      throw ScimError.invalidSyntax("A PATCH request needs a non-empty \"Operations\" array");
    }
    List<PatchOperation> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      if (!(ops.getValue(i) instanceof JsonObject o)) {
        throw ScimError.invalidSyntax("Operations[" + i + "] must be an object with \"op\", \"path\" and \"value\"");
      }
      Object op = JsonKeys.get(o, "op");
      Object path = JsonKeys.get(o, "path");
      if (op != null && !(op instanceof String)) {
        throw ScimError.invalidSyntax("Operations[" + i + "]: \"op\" must be a string");
      }
      if (path != null && !(path instanceof String)) {
        throw ScimError.invalidSyntax("Operations[" + i + "]: \"path\" must be a string");
      }
      PatchOperation operation = new PatchOperation((String) op, (String) path, JsonKeys.get(o, "value"));
      try {
        check(operation, options);
      } catch (ScimError e) {
        throw at(i, e);
      }
      out.add(operation);
    }
    return List.copyOf(out);
  }

  /** Checks one operation's shape and returns its op. */
  static PatchOp check(PatchOperation operation, PatchOptions options) {
    PatchOp op = PatchOp.parse(operation.op(), options);
    String path = operation.path();
    if (path != null && path.isBlank()) {
      throw ScimError.invalidPath("\"path\" of a " + op.wire() + " operation must not be empty; omit it to target the resource");
    }
    switch (op) {
      case ADD, REPLACE -> {
        if (operation.value() == null && (op == PatchOp.ADD || path == null)) {
          throw ScimError.invalidValue("A " + op.wire() + " operation" + (path == null ? " without a path" : "")
              + " needs a \"value\"");
        }
      }
      case REMOVE -> {
        if (operation.value() != null && !options.removeMembersByValueArray()) {
          throw ScimError.invalidSyntax("A remove operation takes no \"value\"; select the elements to remove with a "
              + "filter path such as members[value eq \"id\"]");
        }
        if (path == null && operation.value() == null) {
          throw ScimError.noTarget("A remove operation needs a \"path\" naming what to remove");
        }
        if (path == null && !(operation.value() instanceof JsonObject)) {
          throw ScimError.noTarget("A remove operation needs a \"path\" naming what to remove");
        }
      }
    }
    return op;
  }

  /** The same error, its detail prefixed with the operation's position. */
  static ScimError at(int index, ScimError e) {
    return new ScimError(e.status(), e.scimType(), "Operations[" + index + "]: " + e.detail());
  }
}
