package dev.scimbus.scim.projection;

import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Returned;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Applies the {@code returned} characteristic (RFC 7643 §7) and the {@code attributes} /
 * {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5) to a stored resource, returning a
 * new object; the input is never modified.
 *
 * <p>{@code id} and {@code schemas} are always returned, {@code meta} by default, {@code password}
 * never. When both lists are given, {@code attributes} wins (the RFC calls them mutually
 * exclusive; answering rather than failing is kinder to clients). Naming a whole attribute in
 * {@code attributes} also returns its {@code returned: request} sub-attributes; naming a whole
 * schema URN returns that schema's default attributes. Unknown names are ignored.
 *
 * <p>With no lists at all (the common case) only what is not returned by default is removed:
 * when the resource holds none of it, the result is a shallow copy whose nested objects are
 * shared with the input, so callers must not modify values below the top level.
 */
public final class Projection {
  private final SchemaRegistry registry;
  private final Map<String, List<String>> hiddenByType = new ConcurrentHashMap<>();

  public Projection(SchemaRegistry registry) {
    this.registry = registry;
  }

  public JsonObject apply(ResourceType rt, JsonObject resource, AttributeList attributes,
      AttributeList excludedAttributes) {
    boolean include = attributes != null && !attributes.isEmpty();
    boolean exclude = excludedAttributes != null && !excludedAttributes.isEmpty();
    if (!include && !exclude && !holdsHidden(rt, resource)) {
      return new JsonObject(new LinkedHashMap<>(resource.getMap()));
    }
    Selection selection = Selection.of(registry, rt,
        include ? attributes : exclude ? excludedAttributes : AttributeList.EMPTY);
    return new Walk(rt, selection, include).resource(resource);
  }

  /**
   * Whether {@link #apply} would leave {@code resource} as it is: no lists and nothing the
   * resource holds is hidden by default. A caller that owns a fresh copy can then skip the call.
   */
  public boolean keepsAll(ResourceType rt, JsonObject resource, AttributeList attributes,
      AttributeList excludedAttributes) {
    return (attributes == null || attributes.isEmpty()) && (excludedAttributes == null || excludedAttributes.isEmpty())
        && !holdsHidden(rt, resource);
  }

  /** Cheap check whether any top-level key might carry something not returned by default. */
  private boolean holdsHidden(ResourceType rt, JsonObject resource) {
    List<String> hidden = hiddenByType.computeIfAbsent(rt.name(), n -> hiddenNames(rt));
    for (String key : resource.fieldNames()) {
      for (String h : hidden) {
        if (h.equalsIgnoreCase(key)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Keys under which a non-default value can hide: the attribute itself, its parent or extension. */
  private List<String> hiddenNames(ResourceType rt) {
    List<String> out = new ArrayList<>();
    List<AttributeDefinition> top = new ArrayList<>(registry.common().attributes());
    top.addAll(registry.coreSchema(rt).attributes());
    top.stream().filter(Projection::hidesSomething).forEach(a -> out.add(a.name()));
    for (ResourceType.Extension e : rt.schemaExtensions()) {
      registry.schema(e.schema()).filter(s -> s.attributes().stream().anyMatch(Projection::hidesSomething))
          .ifPresent(s -> out.add(s.id()));
    }
    return List.copyOf(out);
  }

  private static boolean hidesSomething(AttributeDefinition a) {
    return notByDefault(a) || a.subAttributes().stream().anyMatch(Projection::notByDefault);
  }

  private static boolean returnedByDefault(AttributeDefinition a) {
    return a.returned() == Returned.ALWAYS || a.returned() == Returned.DEFAULT;
  }

  private static boolean notByDefault(AttributeDefinition a) {
    return a.returned() == Returned.NEVER || a.returned() == Returned.REQUEST;
  }

  /** One projection of one resource. */
  private final class Walk {
    private final ResourceType rt;
    private final Selection selection;
    private final boolean include;

    Walk(ResourceType rt, Selection selection, boolean include) {
      this.rt = rt;
      this.selection = selection;
      this.include = include;
    }

    JsonObject resource(JsonObject resource) {
      Schema core = registry.coreSchema(rt);
      JsonObject out = new JsonObject();
      for (String key : resource.fieldNames()) {
        Object value = resource.getValue(key);
        if (key.equalsIgnoreCase("schemas")) {
          out.put(key, copy(value));
          continue;
        }
        Schema ext = extension(key);
        if (ext != null) {
          if (value instanceof JsonObject obj) {
            JsonObject projected = members(ext, ext.id(), obj);
            if (!projected.isEmpty()) {
              out.put(key, projected);
            }
          }
          continue;
        }
        AttributeDefinition def = registry.common().attribute(key).or(() -> core.attribute(key)).orElse(null);
        Object projected = def == null ? (include ? null : copy(value)) : attribute(core.id(), def, value);
        if (projected != null) {
          out.put(key, projected);
        }
      }
      return out;
    }

    private Schema extension(String key) {
      if (!key.regionMatches(true, 0, "urn:", 0, 4) || !rt.hasExtension(key)) {
        return null;
      }
      return registry.schema(key).orElse(null);
    }

    private JsonObject members(Schema schema, String owner, JsonObject in) {
      JsonObject out = new JsonObject();
      for (String key : in.fieldNames()) {
        AttributeDefinition def = schema.attribute(key).orElse(null);
        Object value = in.getValue(key);
        Object projected = def == null ? (include ? null : copy(value)) : attribute(owner, def, value);
        if (projected != null) {
          out.put(key, projected);
        }
      }
      return out;
    }

    private Object attribute(String owner, AttributeDefinition def, Object value) {
      if (def.returned() == Returned.NEVER) {
        return null;
      }
      if (def.returned() == Returned.ALWAYS) {
        return subs(def, value, Projection::returnedByDefault, true);
      }
      Set<String> named = selection.namedSubs(owner, def);
      if (include) {
        if (selection.namesAttribute(owner, def)) {
          return subs(def, value, sub -> sub.returned() != Returned.NEVER, true);
        }
        if (selection.namesSchema(owner) && def.returned() == Returned.DEFAULT) {
          return subs(def, value, Projection::returnedByDefault, true);
        }
        if (named != null) {
          return subs(def, value, sub -> sub.returned() == Returned.ALWAYS
              || sub.returned() != Returned.NEVER && Selection.contains(named, sub), false);
        }
        return null;
      }
      if (def.returned() == Returned.REQUEST || selection.namesAttribute(owner, def) || selection.namesSchema(owner)) {
        return null;
      }
      return subs(def, value, sub -> sub.returned() == Returned.ALWAYS
          || sub.returned() == Returned.DEFAULT && !Selection.contains(named, sub), true);
    }

    /** The value with only the sub-attributes {@code keep} accepts; null when nothing is left. */
    private Object subs(AttributeDefinition def, Object value, Predicate<AttributeDefinition> keep, boolean keepUnknown) {
      if (!def.isComplex()) {
        return copy(value);
      }
      if (value instanceof JsonArray array) {
        JsonArray out = new JsonArray();
        for (Object element : array) {
          Object projected = complexValue(def, element, keep, keepUnknown);
          if (projected != null) {
            out.add(projected);
          }
        }
        return out.isEmpty() ? null : out;
      }
      return complexValue(def, value, keep, keepUnknown);
    }

    private Object complexValue(AttributeDefinition def, Object value, Predicate<AttributeDefinition> keep,
        boolean keepUnknown) {
      if (!(value instanceof JsonObject obj)) {
        return copy(value);
      }
      JsonObject out = new JsonObject();
      for (String key : obj.fieldNames()) {
        AttributeDefinition sub = def.subAttribute(key).orElse(null);
        if (sub == null ? keepUnknown : keep.test(sub)) {
          out.put(key, copy(obj.getValue(key)));
        }
      }
      return out.isEmpty() ? null : out;
    }
  }

  private static Object copy(Object value) {
    if (value instanceof JsonObject o) {
      return o.copy();
    }
    if (value instanceof JsonArray a) {
      return a.copy();
    }
    return value;
  }
}
