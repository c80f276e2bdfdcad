package dev.scimbus.scim.filter;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;

/**
 * Evaluates SCIM filters against JSON resources in memory, validates filters against a resource
 * type, and orders resources for {@code sortBy}. The semantics every storage backend must
 * reproduce when it pushes a filter down:
 *
 * <ul>
 *   <li>Attribute names and extension URN keys in resources are looked up ignoring case.
 *   <li>Strings compare ignoring case unless the attribute is {@code caseExact}; numbers compare
 *       numerically; dateTimes as instants; booleans only with {@code eq}/{@code ne}.
 *   <li>A multi-valued attribute matches when any of its values matches. A complex attribute
 *       without a sub-attribute ({@code emails co "x"}) means its {@code value} sub-attribute.
 *   <li>{@code ne} is the negation of {@code eq}: it holds when no value equals the literal,
 *       including when the attribute is missing. {@code eq null} holds exactly when {@code pr}
 *       does not; {@code ne null} exactly when it does.
 *   <li>{@code pr} is false for null, missing, empty strings, empty arrays and objects with no
 *       present value.
 * </ul>
 *
 * {@link #matches} does not re-validate: an attribute the resource type lacks is treated as
 * missing. Call {@link #validate} once per request to reject such filters with a clear error.
 */
public final class FilterEvaluator {
  private final SchemaRegistry registry;

  public FilterEvaluator(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** Whether {@code resource}, of type {@code rt}, satisfies {@code filter}. */
  public boolean matches(ResourceType rt, JsonObject resource, Filter filter) {
    if (filter instanceof Filter.And a) {
      return matches(rt, resource, a.left()) && matches(rt, resource, a.right());
    }
    if (filter instanceof Filter.Or o) {
      return matches(rt, resource, o.left()) || matches(rt, resource, o.right());
    }
    if (filter instanceof Filter.Not n) {
      return !matches(rt, resource, n.inner());
    }
    if (filter instanceof Filter.ValuePath v) {
      ResolvedAttribute ra = resolve(rt, v.attribute());
      if (ra == null || !ra.attribute().isComplex()) {
        return false;
      }
      return anyElement(JsonValues.attributeValue(ra, resource), ra.attribute(), v.filter());
    }
    if (filter instanceof Filter.Present p) {
      ResolvedAttribute ra = resolve(rt, p.path());
      return ra != null && JsonValues.present(JsonValues.attributeValue(ra, resource), subName(ra));
    }
    Filter.Compare c = (Filter.Compare) filter;
    ResolvedAttribute ra = resolve(rt, c.path());
    Object value = ra == null ? null : JsonValues.attributeValue(ra, resource);
    if (c.value() == null) {
      return nullComparison(c.op(), ra != null && JsonValues.present(value, subName(ra)));
    }
    if (ra == null) {
      return c.op() == CompareOp.NE;
    }
    CompareTarget target = CompareTarget.of(ra);
    return Comparisons.any(value, target.key(), target.leaf(), c.op(), c.value(), c.path());
  }

  /**
   * Whether one element of the multi-valued complex attribute {@code multiValuedAttribute}
   * satisfies {@code relativeFilter}, whose paths name sub-attributes of that element. PATCH uses
   * this to find the targets of {@code emails[type eq "work"]}.
   */
  public boolean matchesElement(ResourceType rt, AttributePath multiValuedAttribute, JsonObject element,
      Filter relativeFilter) {
    ResolvedAttribute ra = resolve(rt, multiValuedAttribute);
    if (ra == null || !ra.attribute().isComplex() || ra.subAttribute() != null) {
      throw ScimError.invalidFilter("'" + multiValuedAttribute + "' is not a complex attribute of " + rt.name()
          + ", so a value filter cannot select its elements");
    }
    return matchesRelative(ra.attribute(), element, relativeFilter);
  }

  /**
   * Rejects, with 400 {@code invalidFilter} naming the attribute, filters that name attributes
   * {@code rt} lacks, use an operator the attribute's type does not support, compare with a
   * literal of the wrong type, or filter on write-only attributes.
   */
  public void validate(ResourceType rt, Filter filter) {
    new FilterValidator(registry, rt).validate(filter);
  }

  /**
   * Orders resources by {@code sortBy} (RFC 7644 §3.4.2.3): strings by the attribute's
   * {@code caseExact}, numbers numerically, dateTimes as instants, {@code false} before
   * {@code true}. A multi-valued attribute sorts by its primary value, else its first. Resources
   * without a value sort last in both orders (so a page of results starts with real values);
   * ties are broken by ascending {@code id} so the order is total and stable across pages.
   * Throws 400 {@code invalidValue} when {@code sortBy} is not a sortable attribute of {@code rt}.
   */
  public Comparator<JsonObject> sortComparator(ResourceType rt, AttributePath sortBy, boolean descending) {
    return SortComparator.create(registry, rt, sortBy, descending);
  }

  /**
   * The value {@code resource} sorts by under {@code sortBy} in {@link #sortComparator} (a
   * {@code String}, {@code Boolean}, {@code BigDecimal} or {@code Instant}), or null when it has
   * none: what a keyset cursor records of the last resource of a page.
   */
  public Comparable<?> sortKey(ResourceType rt, AttributePath sortBy, JsonObject resource) {
    return SortComparator.create(registry, rt, sortBy, false).sortKey(resource);
  }

  /**
   * Where {@code resource} stands relative to the position ({@code key}, {@code id}) in the
   * {@link #sortComparator} order: negative before it, positive after it, 0 at it.
   */
  public int compareToPosition(ResourceType rt, AttributePath sortBy, boolean descending, JsonObject resource,
      Comparable<?> key, String id) {
    return SortComparator.create(registry, rt, sortBy, descending).compareToPosition(resource, key, id);
  }

  private boolean anyElement(Object value, AttributeDefinition parent, Filter relative) {
    if (value instanceof JsonObject single) {
      return matchesRelative(parent, single, relative);
    }
    if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.getValue(i) instanceof JsonObject element && matchesRelative(parent, element, relative)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean matchesRelative(AttributeDefinition parent, JsonObject element, Filter f) {
    if (f instanceof Filter.And a) {
      return matchesRelative(parent, element, a.left()) && matchesRelative(parent, element, a.right());
    }
    if (f instanceof Filter.Or o) {
      return matchesRelative(parent, element, o.left()) || matchesRelative(parent, element, o.right());
    }
    if (f instanceof Filter.Not n) {
      return !matchesRelative(parent, element, n.inner());
    }
    if (f instanceof Filter.ValuePath v) {
      throw ScimError.invalidFilter("Value paths cannot be nested: '" + v.attribute() + "[...]' inside '"
          + parent.name() + "[...]'");
    }
    AttributePath path = f instanceof Filter.Present p ? p.path() : ((Filter.Compare) f).path();
    AttributeDefinition sub = relative(parent, path);
    Object value = sub == null ? null : JsonValues.get(element, sub.name());
    if (f instanceof Filter.Present) {
      return JsonValues.nonEmpty(value);
    }
    Filter.Compare c = (Filter.Compare) f;
    if (c.value() == null) {
      return nullComparison(c.op(), JsonValues.nonEmpty(value));
    }
    return sub != null ? Comparisons.any(value, null, sub, c.op(), c.value(), path) : c.op() == CompareOp.NE;
  }

  private static boolean nullComparison(CompareOp op, boolean present) {
    return op == CompareOp.EQ ? !present : op == CompareOp.NE && present;
  }

  private ResolvedAttribute resolve(ResourceType rt, AttributePath path) {
    return registry.resolve(rt, path).orElse(null);
  }

  /** A relative path inside {@code parent[...]}: a bare sub-attribute name, else null. */
  static AttributeDefinition relative(AttributeDefinition parent, AttributePath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      return null;
    }
    return parent.subAttribute(path.attribute()).orElse(null);
  }

  /** The sub-attribute a path names explicitly, or null. */
  static String subName(ResolvedAttribute ra) {
    return ra.subAttribute() == null ? null : ra.subAttribute().name();
  }
}
