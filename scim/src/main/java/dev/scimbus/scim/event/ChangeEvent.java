package dev.scimbus.scim.event;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * One committed change to one resource, shaped as an RFC 9967 SCIM event (a Security Event Token
 * payload, unsigned inside the deployment). {@code tenant} and {@code sequence} say where the
 * event sits in the tenant's change log; they travel beside the payload (SSE {@code id:}), not in
 * it. {@code resourceType} is the endpoint path without its slash ({@code Users}), the form
 * {@code sub_id.uri} carries, so an event round-trips from its wire form without a registry.
 *
 * <p>The event never carries a password: the constructor removes a top-level {@code password}
 * from {@code data} whatever path built the event. A notice may still list the name
 * {@code "password"} among changed attributes (RFC 9967 Figure 5 does), never a value.
 *
 * @param data the resource after the change, for {@code :full} events; null otherwise
 * @param changedAttributes attribute names that changed, for {@code :notice} events
 */
public record ChangeEvent(String jti, String txn, long iat, String tenant, long sequence,
    String resourceType, String resourceId, String externalId, String version, List<EventType> events,
    JsonObject data, List<String> changedAttributes) {

  public ChangeEvent {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("a change event needs at least one event type");
    }
    events = List.copyOf(events);
    changedAttributes = changedAttributes == null ? List.of() : List.copyOf(changedAttributes);
    data = data == null ? null : withoutPassword(data);
  }

  /**
   * Builds the event for a committed write. {@code before} is null for a create, {@code after}
   * null for a delete. The {@code :full} variants carry {@code after} as data; the
   * {@code :notice} variants list the top-level attributes that differ (extension attributes as
   * {@code urn:...:name}); {@code meta} is not listed since it changes on every write.
   */
  public static ChangeEvent of(ResourceType rt, String operation, JsonObject before, JsonObject after,
      boolean notice, String txn, String tenant, long sequence, long iat) {
    List<EventType> events = classify(operation, before, after, notice);
    JsonObject subject = after != null ? after : before;
    if (subject == null) {
      throw new IllegalArgumentException("a change event needs the resource before or after the change");
    }
    boolean full = events.get(0).isFull();
    return new ChangeEvent(UUID.randomUUID().toString().replace("-", ""), txn, iat, tenant, sequence,
        rt.path(), string(subject.getValue("id")), string(subject.getValue("externalId")), version(subject),
        events, full ? after : null, events.get(0).isNotice() ? changed(before, after) : List.of());
  }

  /**
   * The event types for one operation ({@code create}, {@code put}, {@code patch},
   * {@code delete}, any case). A replace or patch that flips {@code active} adds
   * {@code ACTIVATE} (false to true or absent) or {@code DEACTIVATE} (true or absent to false);
   * an absent {@code active} counts as active. A create never adds either, even with
   * {@code active: false}: an account that never was active has not been deactivated, and the
   * create event already tells receivers its state. A delete is only {@code DELETE}.
   */
  public static List<EventType> classify(String operation, JsonObject before, JsonObject after, boolean notice) {
    String op = operation == null ? "" : operation.toLowerCase(Locale.ROOT);
    List<EventType> out = new ArrayList<>();
    switch (op) {
      case "create" -> out.add(notice ? EventType.CREATE_NOTICE : EventType.CREATE_FULL);
      case "put" -> out.add(notice ? EventType.PUT_NOTICE : EventType.PUT_FULL);
      case "patch" -> out.add(notice ? EventType.PATCH_NOTICE : EventType.PATCH_FULL);
      case "delete" -> out.add(EventType.DELETE);
      default -> throw new IllegalArgumentException("unknown operation '" + operation + "'; expected create, put, patch or delete");
    }
    if (op.equals("put") || op.equals("patch")) {
      boolean was = isActive(before);
      boolean is = isActive(after);
      if (was && !is) {
        out.add(EventType.DEACTIVATE);
      } else if (!was && is) {
        out.add(EventType.ACTIVATE);
      }
    }
    return out;
  }

  /** The SET-like payload of RFC 9967: jti, iat, txn, sub_id and one entry per event URI. */
  public JsonObject toJson() {
    JsonObject subId = new JsonObject().put("format", "scim").put("uri", "/" + resourceType + "/" + resourceId);
    if (externalId != null) {
      subId.put("externalId", externalId);
    }
    JsonObject eventsJson = new JsonObject();
    for (EventType type : events) {
      JsonObject payload = new JsonObject();
      if (type.isFull() && data != null) {
        payload.put("data", data);
      }
      if (type.isNotice()) {
        payload.put("attributes", new JsonArray(new ArrayList<>(changedAttributes)));
      }
      if ((type.isFull() || type.isNotice()) && version != null) {
        payload.put("version", version);
      }
      eventsJson.put(type.uri(), payload);
    }
    JsonObject json = new JsonObject().put("jti", jti).put("iat", iat);
    if (txn != null) {
      json.put("txn", txn);
    }
    return json.put("sub_id", subId).put("events", eventsJson);
  }

  /** Reads what {@link #toJson()} wrote; 400 invalidValue when the payload is not such an event. */
  public static ChangeEvent fromJson(JsonObject json, String tenant, long sequence) {
    try {
      JsonObject subId = json.getJsonObject("sub_id");
      String uri = subId == null ? null : subId.getString("uri");
      int slash = uri == null ? -1 : uri.indexOf('/', 1);
      if (!(uri != null && uri.startsWith("/") && slash > 1 && slash < uri.length() - 1)) {
        throw ScimError.invalidValue("A SCIM event needs sub_id.uri of the form /{endpoint}/{id}, got " + uri);
      }
      JsonObject eventsJson = json.getJsonObject("events");
      if (eventsJson == null || eventsJson.isEmpty()) {
        throw ScimError.invalidValue("A SCIM event needs a non-empty 'events' object");
      }
      List<EventType> types = new ArrayList<>();
      JsonObject data = null;
      String version = null;
      List<String> attributes = new ArrayList<>();
      for (String key : eventsJson.fieldNames()) {
        EventType type = EventType.fromUri(key);
        types.add(type);
        JsonObject payload = eventsJson.getJsonObject(key, new JsonObject());
        data = data != null ? data : payload.getJsonObject("data");
        version = version != null ? version : payload.getString("version");
        payload.getJsonArray("attributes", new JsonArray()).forEach(a -> attributes.add(String.valueOf(a)));
      }
      Long iat = json.getLong("iat");
      return new ChangeEvent(json.getString("jti"), json.getString("txn"), iat == null ? 0 : iat, tenant, sequence,
          uri.substring(1, slash), uri.substring(slash + 1), subId.getString("externalId"), version, types,
          data == null ? null : data.copy(), attributes);
    } catch (ClassCastException e) {
      throw ScimError.invalidValue("Malformed SCIM event: " + e.getMessage());
    }
  }

  private static boolean isActive(JsonObject resource) {
    Object active = resource == null ? null : resource.getValue("active");
    return !(Boolean.FALSE.equals(active) || active instanceof String s && s.equalsIgnoreCase("false"));
  }

  private static List<String> changed(JsonObject before, JsonObject after) {
    JsonObject b = before == null ? new JsonObject() : before;
    JsonObject a = after == null ? new JsonObject() : after;
    Set<String> out = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>(a.fieldNames());
    keys.addAll(b.fieldNames());
    for (String key : keys) {
      if (key.equals("meta")) {
        continue;
      }
      Object x = b.getValue(key);
      Object y = a.getValue(key);
      if (key.regionMatches(true, 0, "urn:", 0, 4) && (x instanceof JsonObject || y instanceof JsonObject)) {
        out.addAll(changed(x instanceof JsonObject xo ? xo : null, y instanceof JsonObject yo ? yo : null)
            .stream().map(n -> key + ":" + n).toList());
      } else if (x == null ? y != null : !x.equals(y)) {
        out.add(key);
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code data} itself when it holds no password, else a shallow copy without it. Resource JSON
   * is never modified once stored (every writer builds a new object), so events, the change log
   * and the store can share it instead of each keeping a deep copy.
   */
  private static JsonObject withoutPassword(JsonObject data) {
    boolean hasPassword = false;
    for (String key : data.fieldNames()) {
      hasPassword |= key.equalsIgnoreCase("password");
    }
    if (!hasPassword) {
      return data;
    }
    JsonObject copy = new JsonObject(new java.util.LinkedHashMap<>(data.getMap()));
    copy.fieldNames().removeIf(k -> k.equalsIgnoreCase("password"));
    return copy;
  }

  private static String version(JsonObject resource) {
    Object meta = resource.getValue("meta");
    return meta instanceof JsonObject m ? string(m.getValue("version")) : null;
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }
}
