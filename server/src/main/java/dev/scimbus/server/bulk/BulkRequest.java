package dev.scimbus.server.bulk;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed BulkRequest. What makes the whole request unusable — the wrong {@code schemas}, no
 * {@code Operations} array, too many operations, a bad {@code failOnErrors}, a bulkId used by two
 * POSTs — fails it as a whole; a problem of one operation stays with that operation.
 *
 * @param operations in request order
 * @param failOnErrors stop after this many errors ({@link Integer#MAX_VALUE} when not given)
 */
record BulkRequest(List<BulkOperation> operations, int failOnErrors) {
  static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  static BulkRequest parse(JsonObject body, int maxOperations, SchemaRegistry registry) {
    JsonArray schemas = body.getValue("schemas") instanceof JsonArray a ? a : new JsonArray();
    if (schemas.stream().noneMatch(s -> SCHEMA.equalsIgnoreCase(String.valueOf(s)))) {
      throw ScimError.invalidSyntax("A BulkRequest must list \"" + SCHEMA + "\" in 'schemas'");
    }
    if (!(body.getValue("Operations") instanceof JsonArray ops)) {
      throw ScimError.invalidSyntax("A BulkRequest needs 'Operations', an array of operations");
    }
    if (ops.size() > maxOperations) {
      throw new ScimError(413, null, "The BulkRequest has " + ops.size()
          + " operations, more than maxOperations (" + maxOperations + ")");
    }
    int failOnErrors = failOnErrors(body.getValue("failOnErrors"));
    List<BulkOperation> out = new ArrayList<>(ops.size());
    Map<String, Integer> bulkIds = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      if (!(ops.getValue(i) instanceof JsonObject op)) {
        throw ScimError.invalidSyntax("Operations[" + i + "] must be a JSON object");
      }
      BulkOperation parsed = BulkOperation.parse(i, op, registry);
      if (parsed.isCreate()) {
        Integer other = bulkIds.putIfAbsent(parsed.bulkId(), i);
        if (other != null) {
          throw ScimError.invalidValue("bulkId '" + parsed.bulkId() + "' is used by Operations[" + other + "] and Operations["
              + i + "]; each POST needs its own bulkId");
        }
      }
      out.add(parsed);
    }
    return new BulkRequest(List.copyOf(out), failOnErrors);
  }

  private static int failOnErrors(Object v) {
    if (v == null) {
      return Integer.MAX_VALUE;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 1) {
      return (int) Math.min(Integer.MAX_VALUE, n.longValue());
    }
    throw ScimError.invalidValue("failOnErrors must be an integer of at least 1, got " + v);
  }

  /** The POST operation that creates each bulkId. */
  Map<String, Integer> creators() {
    Map<String, Integer> m = new HashMap<>();
    operations.stream().filter(BulkOperation::isCreate).forEach(op -> m.put(op.bulkId(), op.index()));
    return m;
  }
}
