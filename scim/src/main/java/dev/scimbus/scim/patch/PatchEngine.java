package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.path.PatchPath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource, checked against its schemas: types,
 * mutability, required attributes, value filters and one primary per multi-valued attribute. It
 * works on a deep copy, so the caller's resource is never modified and a failing operation leaves
 * nothing half-applied: the whole request either yields the new resource or throws the
 * {@link ScimError} of the first operation that failed, its detail prefixed with
 * {@code Operations[i]}. It does not touch {@code meta} and stores {@code password} as given;
 * both are the service's business.
 *
 * <p>Choices where the RFC leaves room: removing an attribute that is absent succeeds (removes
 * are idempotent); a value filter that matches nothing is 400 noTarget, except on
 * {@code members}, where removing a non-member succeeds so that IdPs retrying a removal do not
 * fail; a {@code replace} with a null value removes its target; read-only sub-attributes inside
 * values ({@code members.display}) are dropped, since the server owns them, while a path naming
 * one is 400 mutability; replacing a whole element of {@code members} is allowed although its
 * sub-attributes are immutable, since that is removing one member and adding another.
 */
public final class PatchEngine {
  private final SchemaRegistry registry;
  private final PatchOptions options;
  private final ValueCoercer coercer;

  public PatchEngine(SchemaRegistry registry, PatchOptions options) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.options = Objects.requireNonNull(options, "options");
    this.coercer = new ValueCoercer(options);
  }

  /** Returns the patched copy of {@code resource}; {@code resource} itself is left as it was. */
  public JsonObject apply(ResourceType rt, JsonObject resource, List<PatchOperation> ops) {
    Objects.requireNonNull(rt, "rt");
    Objects.requireNonNull(resource, "resource");
    if (ops == null || ops.isEmpty()) {
      throw ScimError.invalidSyntax("A PATCH request needs at least one operation");
    }
    JsonObject work = resource.copy();
    for (int i = 0; i < ops.size(); i++) {
      try {
        applyOne(rt, work, Objects.requireNonNull(ops.get(i), "operation"));
      } catch (ScimError e) {
        throw PatchRequest.at(i, e);
      }
    }
    syncSchemas(rt, work);
    return work;
  }

  private void applyOne(ResourceType rt, JsonObject work, PatchOperation operation) {
    PatchOp op = PatchRequest.check(operation, options);
    Object value = ValueCoercer.wrap(operation.value());
    String path = operation.path();
    Schema whole = path == null ? null : schemaNamed(rt, path.trim());
    if (whole != null) {
      // A path naming a schema URN targets that schema's attributes, like a path-less value object.
      path = null;
      value = op == PatchOp.REMOVE && value == null ? null : new JsonObject().put(whole.id(), value);
      if (op == PatchOp.REMOVE && value == null) {
        removeSchema(rt, work, whole);
        return;
      }
    }
    if (path == null) {
      if (!(value instanceof JsonObject object)) {
        throw ScimError.invalidValue("A " + op.wire() + " operation without a path needs an object of attributes as its "
            + "value; got " + ValueCoercer.describe(value));
      }
      applyObject(op, rt, work, object);
      return;
    }
    PatchTarget target = target(rt, path);
    if (op == PatchOp.REMOVE && value != null) {
      removeByValue(rt, work, target, value);
    } else if (op == PatchOp.REMOVE) {
      remove(rt, work, target);
    } else {
      set(op, rt, work, target, value, false);
    }
  }

  // ---- path-less add/replace and remove-by-value

  private void applyObject(PatchOp op, ResourceType rt, JsonObject work, JsonObject object) {
    for (Map.Entry<String, Object> e : object) {
      String key = e.getKey();
      if (key.equalsIgnoreCase("schemas")) {
        continue;
      }
      Schema schema = schemaNamed(rt, key);
      if (schema != null) {
        if (!(e.getValue() instanceof JsonObject inner)) {
          throw ScimError.invalidValue("'" + key + "' must hold an object of that schema's attributes; got "
              + ValueCoercer.describe(e.getValue()));
        }
        for (Map.Entry<String, Object> ie : inner) {
          PatchTarget t = targetOfKey(rt, new AttributePath(schema.id(), ie.getKey(), null), key + ":" + ie.getKey());
          applyKey(op, rt, work, t, ie.getValue());
        }
      } else {
        applyKey(op, rt, work, targetOfKey(rt, AttributePath.parse(key), key), e.getValue());
      }
    }
  }

  private void applyKey(PatchOp op, ResourceType rt, JsonObject work, PatchTarget t, Object value) {
    if (op == PatchOp.REMOVE) {
      removeByValue(rt, work, t, ValueCoercer.wrap(value));
    } else {
      set(op, rt, work, t, ValueCoercer.wrap(value), true);
    }
  }

  /** Entra's {@code remove members} with {@code [{"value": "id"}]}: removes listed elements. */
  private void removeByValue(ResourceType rt, JsonObject work, PatchTarget t, Object value) {
    AttributeDefinition attr = t.attribute();
    if (!attr.multiValued() || t.filter() != null || t.sub() != null) {
      throw ScimError.invalidSyntax("A remove operation with a value only works on a multi-valued attribute such as "
          + "'members', not on '" + t.text() + "'; use a path to say what to remove");
    }
    requireWritable(t, attr);
    JsonArray given = value instanceof JsonArray a ? a : new JsonArray().add(value);
    List<JsonObject> patterns = new ArrayList<>();
    for (Object g : given) {
      Object one = ValueCoercer.wrap(g);
      if (attr.isComplex()) {
        JsonObject p = coercer.complex(attr, one instanceof String s ? new JsonObject().put("value", s) : one, t.text());
        if (p.isEmpty()) {
          throw ScimError.invalidValue("Each value to remove from '" + t.text() + "' needs at least a \"value\"");
        }
        patterns.add(p);
      } else {
        patterns.add(new JsonObject().put("value", coercer.one(attr, one, t.text())));
      }
    }
    JsonArray current = currentArray(work, t);
    if (current == null) {
      return;
    }
    JsonArray kept = new JsonArray();
    for (Object o : current) {
      boolean hit = false;
      for (JsonObject p : patterns) {
        hit |= o instanceof JsonObject e ? Elements.matches(attr, e, p) : Elements.same(attr, o, p.getValue("value"));
      }
      if (!hit) {
        kept.add(o);
      }
    }
    storeArray(work, t, kept);
  }

  // ---- add and replace

  private void set(PatchOp op, ResourceType rt, JsonObject work, PatchTarget t, Object value, boolean pathless) {
    AttributeDefinition attr = t.attribute();
    if (t.filter() != null) {
      setFiltered(op, rt, work, t, value);
    } else if (t.sub() != null) {
      setSubEverywhere(op, work, t, value);
    } else if (value == null) {
      removeWhole(work, t);
    } else if (attr.mutability() == Mutability.READ_ONLY) {
      Object current = current(work, t);
      if (!pathless || !(options.replaceWithoutPathAcceptsActive() || Elements.same(attr, current, value))) {
        throw readOnly(t.text());
      }
    } else {
      setWhole(op, work, t, value);
    }
  }

  private void setWhole(PatchOp op, JsonObject work, PatchTarget t, Object raw) {
    AttributeDefinition attr = t.attribute();
    Object value = coercer.whole(attr, raw, t.text());
    Object current = current(work, t);
    Object next;
    if (attr.multiValued()) {
      JsonArray incoming = (JsonArray) value;
      JsonArray result = op == PatchOp.ADD && current instanceof JsonArray c ? c.copy() : new JsonArray();
      List<JsonObject> touched = new ArrayList<>();
      for (Object v : incoming) {
        int at = result.getList().indexOf(v);
        if (at < 0) {
          result.add(v);
          at = result.size() - 1;
        }
        if (result.getValue(at) instanceof JsonObject e) {
          touched.add(e);
        }
      }
      Elements.onePrimary(attr, result, touched, t.text());
      next = result;
    } else if (attr.isComplex() && current instanceof JsonObject c) {
      JsonObject merged = c.copy();
      ((JsonObject) value).forEach(e -> setSub(PatchOp.REPLACE, merged, attr.subAttribute(e.getKey()).orElseThrow(),
          e.getValue(), t.text() + "." + e.getKey()));
      next = merged;
    } else {
      next = value;
    }
    if (attr.mutability() == Mutability.IMMUTABLE && current != null && !current.equals(next)) {
      throw immutable(t.text());
    }
    if (next instanceof JsonArray a && a.isEmpty()) {
      removeWhole(work, t);
    } else {
      JsonKeys.put(t.resolved().containerForWrite(work), attr.name(), next);
    }
  }

  /** {@code attr.sub} without a filter: the complex value, or every element of a multi-valued one. */
  private void setSubEverywhere(PatchOp op, JsonObject work, PatchTarget t, Object value) {
    AttributeDefinition attr = t.attribute();
    requireWritable(t, attr);
    if (!attr.multiValued()) {
      Object current = current(work, t);
      JsonObject obj = current instanceof JsonObject c ? c.copy() : new JsonObject();
      setSub(op, obj, t.sub(), value, t.text());
      storeObject(work, t, obj);
      return;
    }
    JsonArray current = currentArray(work, t);
    JsonArray next = current == null ? new JsonArray() : current.copy();
    if (next.isEmpty() && value != null) {
      next.add(new JsonObject());
    }
    List<JsonObject> touched = new ArrayList<>();
    for (Object o : next) {
      if (o instanceof JsonObject e) {
        setSub(op, e, t.sub(), value, t.text());
        touched.add(e);
      }
    }
    Elements.onePrimary(attr, next, touched, t.text());
    storeArray(work, t, dropEmpty(next));
  }

  private void setFiltered(PatchOp op, ResourceType rt, JsonObject work, PatchTarget t, Object value) {
    AttributeDefinition attr = t.attribute();
    if (op == PatchOp.ADD && !options.addThroughFilterMerges()) {
      throw ScimError.invalidPath("An add operation cannot target a value filter ('" + t.text()
          + "'); use replace, or add the whole value to '" + attr.name() + "'");
    }
    requireWritable(t, attr);
    if (value == null) {
      removeFiltered(rt, work, t, true);
      return;
    }
    JsonArray current = currentArray(work, t);
    JsonArray next = current == null ? new JsonArray() : current.copy();
    List<JsonObject> touched = matching(rt, t, next);
    if (touched.isEmpty()) {
      if (!options.addThroughFilterMerges()) {
        throw ScimError.noTarget("No value of '" + attr.name() + "' matches '" + t.text() + "'");
      }
      JsonObject created = Elements.fromFilter(t.filter());
      if (created == null) {
        throw ScimError.noTarget("No value of '" + attr.name() + "' matches '" + t.text()
            + "', and the filter does not describe one to create (only 'eq' comparisons joined by 'and' do)");
      }
      created = coercer.complex(attr, created, t.text());
      next.add(created);
      touched = List.of(created);
      op = PatchOp.ADD;
    }
    for (JsonObject e : touched) {
      if (t.sub() != null) {
        setSub(op, e, t.sub(), value, t.text());
      } else {
        JsonObject given = coercer.complex(attr, value, t.text());
        if (op == PatchOp.REPLACE) {
          e.clear();
        }
        given.forEach(g -> setSub(PatchOp.REPLACE, e, attr.subAttribute(g.getKey()).orElseThrow(), g.getValue(),
            t.text() + "." + g.getKey()));
      }
    }
    Elements.onePrimary(attr, next, touched, t.text());
    storeArray(work, t, dropEmpty(next));
  }

  /** Sets (or with a null value removes) one sub-attribute of one complex value. */
  private void setSub(PatchOp op, JsonObject obj, AttributeDefinition sub, Object raw, String where) {
    if (raw == null) {
      removeSub(obj, sub, where);
      return;
    }
    if (sub.mutability() == Mutability.READ_ONLY) {
      throw readOnly(where);
    }
    Object value = coercer.whole(sub, raw, where);
    Object current = JsonKeys.get(obj, sub.name());
    if (sub.multiValued() && op == PatchOp.ADD && current instanceof JsonArray c) {
      JsonArray merged = c.copy();
      ((JsonArray) value).forEach(v -> {
        if (!merged.contains(v)) {
          merged.add(v);
        }
      });
      value = merged;
    }
    if (sub.mutability() == Mutability.IMMUTABLE && current != null && !Elements.same(sub, current, value)) {
      throw immutable(where);
    }
    JsonKeys.put(obj, sub.name(), value);
  }

  // ---- remove

  private void remove(ResourceType rt, JsonObject work, PatchTarget t) {
    if (t.filter() != null) {
      requireWritable(t, t.attribute());
      removeFiltered(rt, work, t, false);
    } else if (t.sub() != null) {
      setSubEverywhere(PatchOp.REMOVE, work, t, null);
    } else {
      removeWhole(work, t);
    }
  }

  private void removeWhole(JsonObject work, PatchTarget t) {
    AttributeDefinition attr = t.attribute();
    requireWritable(t, attr);
    if (attr.required()) {
      throw ScimError.invalidValue("'" + attr.name() + "' is required and cannot be removed");
    }
    JsonObject container = t.resolved().container(work);
    if (container == null || JsonKeys.find(container, attr.name()) == null) {
      return;
    }
    if (attr.mutability() == Mutability.IMMUTABLE) {
      throw immutable(t.text());
    }
    JsonKeys.remove(container, attr.name());
  }

  private void removeFiltered(ResourceType rt, JsonObject work, PatchTarget t, boolean viaReplace) {
    AttributeDefinition attr = t.attribute();
    JsonArray current = currentArray(work, t);
    JsonArray next = current == null ? new JsonArray() : current.copy();
    List<JsonObject> hits = matching(rt, t, next);
    if (hits.isEmpty()) {
      // Removing someone who is not a member is what an IdP's retried removal looks like.
      if (attr.name().equalsIgnoreCase("members") && t.sub() == null && !viaReplace) {
        return;
      }
      throw ScimError.noTarget("No value of '" + attr.name() + "' matches '" + t.text() + "'");
    }
    if (t.sub() != null) {
      hits.forEach(e -> removeSub(e, t.sub(), t.text()));
    } else {
      next.getList().removeIf(o -> hits.stream().anyMatch(h -> h == o || h.getMap() == o));
      if (attr.mutability() == Mutability.IMMUTABLE) {
        throw immutable(t.text());
      }
    }
    if (next.isEmpty() && attr.required()) {
      throw ScimError.invalidValue("'" + attr.name() + "' is required and cannot lose its last value");
    }
    storeArray(work, t, dropEmpty(next));
  }

  private void removeSub(JsonObject obj, AttributeDefinition sub, String where) {
    if (sub.mutability() == Mutability.READ_ONLY) {
      throw readOnly(where);
    }
    if (sub.required()) {
      throw ScimError.invalidValue("'" + where + "' is required and cannot be removed");
    }
    if (JsonKeys.find(obj, sub.name()) != null && sub.mutability() == Mutability.IMMUTABLE) {
      throw immutable(where);
    }
    JsonKeys.remove(obj, sub.name());
  }

  private void removeSchema(ResourceType rt, JsonObject work, Schema schema) {
    if (schema.id().equalsIgnoreCase(rt.schema())) {
      throw ScimError.invalidPath("The core schema " + schema.id() + " cannot be removed");
    }
    JsonObject ext = JsonKeys.get(work, schema.id()) instanceof JsonObject o ? o : null;
    if (ext == null) {
      return;
    }
    for (String name : new ArrayList<>(ext.fieldNames())) {
      PatchTarget t = targetOfKey(rt, new AttributePath(schema.id(), name, null), schema.id() + ":" + name);
      removeWhole(work, t);
    }
  }

  // ---- helpers

  private List<JsonObject> matching(ResourceType rt, PatchTarget t, JsonArray values) {
    List<JsonObject> hits = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.getValue(i) instanceof JsonObject e
          && InterimMatcher.matches(t.attribute(), e, t.filter())) {
        // getValue wraps a Map element in a fresh JsonObject; store it back so edits stick.
        values.set(i, e);
        hits.add(e);
      }
    }
    return hits;
  }

  private void requireWritable(PatchTarget t, AttributeDefinition def) {
    if (def.mutability() == Mutability.READ_ONLY) {
      throw readOnly(t.text());
    }
  }

  private static ScimError readOnly(String where) {
    return ScimError.mutability("'" + where + "' is read-only and cannot be changed");
  }

  private static ScimError immutable(String where) {
    return ScimError.mutability("'" + where + "' is immutable: it can be set once but not changed or removed");
  }

  private static Object current(JsonObject work, PatchTarget t) {
    return JsonKeys.get(t.resolved().container(work), t.attribute().name());
  }

  private static JsonArray currentArray(JsonObject work, PatchTarget t) {
    Object current = current(work, t);
    if (current == null) {
      return null;
    }
    if (current instanceof JsonArray a) {
      return a;
    }
    // A stored single value where the schema says multi-valued: treat it as one element.
    return new JsonArray().add(current);
  }

  private static void storeArray(JsonObject work, PatchTarget t, JsonArray next) {
    if (next.isEmpty()) {
      JsonObject container = t.resolved().container(work);
      if (container != null) {
        JsonKeys.remove(container, t.attribute().name());
      }
    } else {
      JsonKeys.put(t.resolved().containerForWrite(work), t.attribute().name(), next);
    }
  }

  private static void storeObject(JsonObject work, PatchTarget t, JsonObject obj) {
    if (obj.isEmpty()) {
      JsonObject container = t.resolved().container(work);
      if (container != null) {
        JsonKeys.remove(container, t.attribute().name());
      }
    } else {
      JsonKeys.put(t.resolved().containerForWrite(work), t.attribute().name(), obj);
    }
  }

  private static JsonArray dropEmpty(JsonArray values) {
    JsonArray out = new JsonArray();
    values.forEach(v -> {
      if (!(v instanceof JsonObject o && o.isEmpty())) {
        out.add(v);
      }
    });
    return out;
  }

  private PatchTarget target(ResourceType rt, String text) {
    PatchPath pp = PatchPath.parse(text);
    AttributePath ap = pp.attribute();
    String subName = ap.subAttribute();
    if (pp.subAttribute() != null) {
      if (subName != null) {
        throw ScimError.invalidPath("'" + text + "' names two sub-attribute levels; SCIM has one");
      }
      subName = pp.subAttribute();
    }
    ResolvedAttribute r = resolve(rt, ap.parent(), text, ScimType.invalidPath);
    AttributeDefinition attr = r.attribute();
    AttributeDefinition sub = null;
    if (subName != null) {
      String name = subName;
      sub = attr.subAttribute(name).orElseThrow(() -> ScimError.invalidPath("'" + name + "' in '" + text
          + "' is not a sub-attribute of '" + attr.name() + "'"
          + (attr.isComplex() ? "; known: " + ValueCoercer.names(attr.subAttributes()) : "")));
      coercer.spell(name, sub.name(), text, ScimType.invalidPath);
    }
    if (pp.valueFilter() != null) {
      if (!attr.multiValued() || !attr.isComplex()) {
        throw ScimError.invalidPath("'" + text + "' filters '" + attr.name()
            + "', which is not a multi-valued complex attribute");
      }
      PatchTarget.checkFilter(attr, pp.valueFilter(), text, coercer);
    }
    return new PatchTarget(r, pp.valueFilter(), sub, text);
  }

  private PatchTarget targetOfKey(ResourceType rt, AttributePath ap, String text) {
    ResolvedAttribute r = resolve(rt, ap.parent(), text, ScimType.invalidValue);
    AttributeDefinition sub = ap.subAttribute() == null ? null : r.attribute().subAttribute(ap.subAttribute())
        .orElseThrow(() -> ScimError.invalidValue("'" + text + "' names an unknown sub-attribute"));
    if (sub != null) {
      coercer.spell(ap.subAttribute(), sub.name(), text, ScimType.invalidValue);
    }
    return new PatchTarget(r, null, sub, text);
  }

  private ResolvedAttribute resolve(ResourceType rt, AttributePath ap, String text, ScimType errorType) {
    ResolvedAttribute r = registry.resolve(rt, ap).orElseThrow(() -> new ScimError(400, errorType,
        "'" + text + "' is not an attribute of " + rt.name()));
    coercer.spell(ap.attribute(), r.attribute().name(), text, errorType);
    return r;
  }

  /** The core schema or an extension of {@code rt} whose URN is {@code key}, else null. */
  private Schema schemaNamed(ResourceType rt, String key) {
    if (!key.regionMatches(true, 0, "urn:", 0, 4)) {
      return null;
    }
    for (Schema s : registry.schemasOf(rt)) {
      if (s.id().equalsIgnoreCase(key)) {
        return s;
      }
    }
    return null;
  }

  /** Keeps {@code schemas} listing exactly the extensions the resource has values for. */
  private void syncSchemas(ResourceType rt, JsonObject work) {
    for (ResourceType.Extension ext : rt.schemaExtensions()) {
      String key = JsonKeys.find(work, ext.schema());
      boolean present = key != null && !(work.getValue(key) instanceof JsonObject o && o.isEmpty());
      if (key != null && !present) {
        work.remove(key);
      }
      JsonArray schemas = work.getValue("schemas") instanceof JsonArray a ? a : null;
      if (present && (schemas == null || schemas.stream().noneMatch(s -> ext.schema().equalsIgnoreCase(String.valueOf(s))))) {
        if (schemas == null) {
          schemas = new JsonArray().add(rt.schema());
          work.put("schemas", schemas);
        }
        schemas.add(ext.schema());
      } else if (!present && schemas != null) {
        schemas.getList().removeIf(s -> ext.schema().equalsIgnoreCase(String.valueOf(s)));
      }
    }
  }
}
