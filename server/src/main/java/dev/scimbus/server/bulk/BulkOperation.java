package dev.scimbus.server.bulk;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Operation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One operation of a BulkRequest (RFC 7644 §3.7), checked on its own. An operation with a
 * {@link #problem} is not executed; it is reported with that error and counts towards
 * {@code failOnErrors}, while the other operations still run.
 *
 * @param index position in the request's {@code Operations}, 0-based
 * @param method the HTTP method as the client spelled it, upper-cased
 * @param bulkId the client's id for the operation (required for POST), or null
 * @param version the {@code version} (sent as If-Match), or null
 * @param resourceType the resource type the path names, or null when the path is bad
 * @param id the resource id of the path (possibly {@code bulkId:x}), null for POST
 * @param data the resource or PatchOp, or null
 * @param problem why the operation cannot run, or null
 */
record BulkOperation(int index, String method, String bulkId, String version, ResourceType resourceType, String id,
    JsonObject data, ScimError problem) {

  static final String BULK_ID_PREFIX = "bulkId:";

  static BulkOperation parse(int index, JsonObject op, SchemaRegistry registry) {
    String where = "Operations[" + index + "]";
    String method = op.getValue("method") instanceof String m ? m.toUpperCase(Locale.ROOT) : null;
    String bulkId = op.getValue("bulkId") instanceof String b && !b.isBlank() ? b : null;
    String version = op.getValue("version") instanceof String v ? v : null;
    JsonObject data = op.getValue("data") instanceof JsonObject d ? d : null;
    Operation operation = operation(method);
    ScimError problem = null;
    ResourceType rt = null;
    String id = null;
    if (operation == null) {
      problem = ScimError.invalidSyntax(where + ".method must be one of POST, PUT, PATCH, DELETE, got "
          + describe(op.getValue("method")));
    } else if (!(op.getValue("path") instanceof String path) || !path.startsWith("/")) {
      problem = ScimError.invalidSyntax(where + ".path must be a string such as \"/Users\" or \"/Users/{id}\", got "
          + describe(op.getValue("path")));
    } else {
      String[] segments = path.substring(1).split("/", -1);
      rt = registry.resourceTypeByPath(segments[0]).orElse(null);
      boolean wantsId = operation != Operation.CREATE;
      if (rt == null) {
        problem = ScimError.notFound(where + ".path '" + path + "' names no resource type of this server");
      } else if (segments.length != (wantsId ? 2 : 1) || (wantsId && segments[1].isEmpty())) {
        problem = ScimError.invalidSyntax(where + ".path must be " + (wantsId
            ? "\"/" + rt.path() + "/{id}\" for " + method : "\"/" + rt.path() + "\" for POST") + ", got '" + path + "'");
      } else if (wantsId) {
        id = segments[1];
      }
    }
    if (problem == null && operation == Operation.CREATE && bulkId == null) {
      problem = ScimError.invalidSyntax(where + ": a POST operation needs a 'bulkId'");
    }
    if (problem == null && operation != Operation.DELETE && data == null) {
      problem = ScimError.invalidSyntax(where + ": a " + method + " operation needs 'data' (a JSON object)");
    }
    return new BulkOperation(index, method == null ? String.valueOf(op.getValue("method")) : method, bulkId, version,
        rt, id, data, problem);
  }

  private static Operation operation(String method) {
    if (method == null) {
      return null;
    }
    switch (method) {
      case "POST":
        return Operation.CREATE;
      case "PUT":
        return Operation.REPLACE;
      case "PATCH":
        return Operation.PATCH;
      case "DELETE":
        return Operation.DELETE;
      default:
        return null;
    }
  }

  Operation operation() {
    return operation(method);
  }

  boolean isCreate() {
    return problem == null && operation() == Operation.CREATE;
  }

  /** Every bulkId this operation refers to, in its path and anywhere in its data. */
  Set<String> references() {
    Set<String> refs = new LinkedHashSet<>();
    if (id != null && id.startsWith(BULK_ID_PREFIX)) {
      refs.add(id.substring(BULK_ID_PREFIX.length()));
    }
    collect(data, refs);
    return refs;
  }

  private static void collect(Object value, Set<String> refs) {
    if (value instanceof String s && s.startsWith(BULK_ID_PREFIX)) {
      refs.add(s.substring(BULK_ID_PREFIX.length()));
    } else if (value instanceof JsonObject o) {
      o.forEach(e -> collect(e.getValue(), refs));
    } else if (value instanceof JsonArray a) {
      a.forEach(v -> collect(v, refs));
    }
  }

  private static String describe(Object v) {
    return v == null ? "nothing" : "'" + v + "'";
  }
}
