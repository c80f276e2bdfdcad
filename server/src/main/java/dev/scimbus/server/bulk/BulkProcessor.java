package dev.scimbus.server.bulk;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a SCIM BulkRequest (RFC 7644 §3.7). Each operation becomes one ordinary
 * {@link StorageRequest} for the storage verticle, so every SCIM rule applies inside a bulk exactly
 * as outside it. Operations run one after the other in {@link ExecutionPlan} order, with
 * {@code bulkId:} references in paths and data replaced by the ids their POSTs created; a reference
 * that cannot be resolved (its POST failed, is missing, or is part of a cycle) fails that operation
 * with 409. After {@code failOnErrors} errors the rest is neither run nor listed. Stateless and
 * safe to share; one instance per HTTP verticle.
 */
public final class BulkProcessor {
  static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

  private final SchemaRegistry registry;
  private final int maxOperations;
  private final Function<StorageRequest, Future<StorageReply>> storage;
  private final Function<Throwable, ScimError> errors;

  /**
   * @param storage sends one request to the storage verticle
   * @param errors turns a failed storage request into the SCIM error the client should see
   */
  public BulkProcessor(SchemaRegistry registry, int maxOperations, Function<StorageRequest, Future<StorageReply>> storage,
      Function<Throwable, ScimError> errors) {
    this.registry = registry;
    this.maxOperations = maxOperations;
    this.storage = storage;
    this.errors = errors;
  }

  /** The BulkResponse; fails with a {@link ScimError} only when the request as a whole is unusable. */
  public Future<JsonObject> process(JsonObject body, String tenant, String baseUrl) {
    BulkRequest request;
    try {
      request = BulkRequest.parse(body, maxOperations, registry);
    } catch (ScimError e) {
      return Future.failedFuture(e);
    }
    Run run = new Run(request, ExecutionPlan.of(request), tenant, baseUrl);
    return run.from(0).map(v -> run.response());
  }

  /** The mutable state of one BulkRequest; confined to the event loop that handles it. */
  private final class Run {
    private final BulkRequest request;
    private final ExecutionPlan plan;
    private final String tenant;
    private final String baseUrl;
    private final Map<String, Integer> creators;
    private final Map<String, String> created = new HashMap<>();
    private final JsonObject[] results;
    private int errorCount;

    Run(BulkRequest request, ExecutionPlan plan, String tenant, String baseUrl) {
      this.request = request;
      this.plan = plan;
      this.tenant = tenant;
      this.baseUrl = baseUrl;
      this.creators = request.creators();
      this.results = new JsonObject[request.operations().size()];
    }

    Future<Void> from(int step) {
      if (step == plan.order().size() || errorCount >= request.failOnErrors()) {
        return Future.succeededFuture();
      }
      BulkOperation op = request.operations().get(plan.order().get(step));
      return execute(op).compose(v -> from(step + 1));
    }

    private Future<Void> execute(BulkOperation op) {
      if (op.problem() != null) {
        return failed(op, null, op.problem());
      }
      if (plan.circular().containsKey(op.index())) {
        return failed(op, null, new ScimError(409, ScimType.invalidValue, "Operations[" + op.index()
            + "] is part of a circular bulkId reference (" + plan.circular().get(op.index())
            + "); create the resources first and add the references with a later PATCH"));
      }
      for (String ref : op.references()) {
        if (!created.containsKey(ref)) {
          return failed(op, null, unresolved(op, ref));
        }
      }
      String id = op.id() == null ? null : resolve(op.id());
      JsonObject data = op.data() == null ? null : (JsonObject) resolveAll(op.data());
      StorageRequest req = new StorageRequest(op.operation(), tenant, op.resourceType().name(), id, data, op.version(),
          QueryParams.NONE, baseUrl);
      return storage.apply(req)
          .map(reply -> {
            succeeded(op, id, reply);
            return (Void) null;
          })
          .recover(e -> failed(op, id, errors.apply(e)));
    }

    private ScimError unresolved(BulkOperation op, String ref) {
      Integer creator = creators.get(ref);
      String why = creator == null ? "no POST operation of this BulkRequest has that bulkId"
          : "Operations[" + creator + "], the POST that creates it, " + (results[creator] == null ? "was not run"
              : "failed with status " + results[creator].getString("status"));
      return new ScimError(409, ScimType.invalidValue, "Operations[" + op.index() + "] refers to 'bulkId:" + ref
          + "', which cannot be resolved: " + why);
    }

    private String resolve(String value) {
      return value.startsWith(BulkOperation.BULK_ID_PREFIX)
          ? created.get(value.substring(BulkOperation.BULK_ID_PREFIX.length())) : value;
    }

    private Object resolveAll(Object value) {
      if (value instanceof String s) {
        return resolve(s);
      }
      if (value instanceof JsonObject o) {
        JsonObject out = new JsonObject();
        o.forEach(e -> out.put(e.getKey(), resolveAll(e.getValue())));
        return out;
      }
      if (value instanceof JsonArray a) {
        JsonArray out = new JsonArray();
        a.forEach(v -> out.add(resolveAll(v)));
        return out;
      }
      return value;
    }

    private void succeeded(BulkOperation op, String id, StorageReply reply) {
      JsonObject body = reply.body();
      if (op.isCreate() && body != null && body.getString("id") != null) {
        created.put(op.bulkId(), body.getString("id"));
      }
      String location = reply.location() != null ? reply.location() : locationOf(body);
      if (location == null && id != null) {
        location = baseUrl + "/" + op.resourceType().path() + "/" + id;
      }
      results[op.index()] = result(op, reply.status()).put("location", location).put("version", reply.etag());
    }

    private Future<Void> failed(BulkOperation op, String id, ScimError error) {
      errorCount++;
      JsonObject r = result(op, error.status()).put("response", error.toJson());
      if (id != null) {
        r.put("location", baseUrl + "/" + op.resourceType().path() + "/" + id);
      }
      results[op.index()] = r;
      return Future.succeededFuture();
    }

    private JsonObject result(BulkOperation op, int status) {
      JsonObject r = new JsonObject().put("method", op.method());
      if (op.bulkId() != null) {
        r.put("bulkId", op.bulkId());
      }
      return r.put("status", Integer.toString(status));
    }

    JsonObject response() {
      JsonArray ops = new JsonArray();
      for (JsonObject r : results) {
        if (r != null) {
          ops.add(withoutNulls(r));
        }
      }
      return new JsonObject().put("schemas", new JsonArray().add(RESPONSE_SCHEMA)).put("Operations", ops);
    }
  }

  private static String locationOf(JsonObject body) {
    JsonObject meta = body == null ? null : body.getJsonObject("meta");
    return meta == null ? null : meta.getString("location");
  }

  private static JsonObject withoutNulls(JsonObject o) {
    o.fieldNames().removeIf(k -> o.getValue(k) == null);
    return o;
  }
}
