package dev.scimbus.scim.filter;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Returned;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;

/** The {@code sortBy} order of {@link FilterEvaluator#sortComparator}; see there for the rules. */
final class SortComparator implements Comparator<JsonObject> {
  private final ResolvedAttribute attribute;
  private final String key;
  private final AttributeDefinition leaf;
  private final boolean descending;

  private SortComparator(ResolvedAttribute attribute, String key, AttributeDefinition leaf, boolean descending) {
    this.attribute = attribute;
    this.key = key;
    this.leaf = leaf;
    this.descending = descending;
  }

  static SortComparator create(SchemaRegistry registry, ResourceType rt, AttributePath sortBy, boolean descending) {
    ResolvedAttribute ra = registry.resolve(rt, sortBy).orElseThrow(() -> ScimError.invalidValue(
        "sortBy '" + sortBy + "' is not an attribute of resource type " + rt.name()));
    CompareTarget target = CompareTarget.of(ra);
    AttributeDefinition leaf = target.leaf();
    if (leaf == null) {
      throw ScimError.invalidValue("sortBy '" + sortBy + "' is a complex attribute; sort by one of its sub-attributes, e.g. '"
          + sortBy + "." + ra.attribute().subAttributes().get(0).name() + "'");
    }
    if (isWriteOnly(ra.attribute()) || isWriteOnly(leaf)) {
      throw ScimError.invalidValue("sortBy '" + sortBy + "' is write-only and cannot be used for sorting");
    }
    return new SortComparator(ra, target.key(), leaf, descending);
  }

  private static boolean isWriteOnly(AttributeDefinition d) {
    return d.returned() == Returned.NEVER || d.mutability() == Mutability.WRITE_ONLY;
  }

  @Override
  public int compare(JsonObject a, JsonObject b) {
    Object ib = JsonValues.get(b, "id");
    return compareToPosition(a, sortKey(b), ib == null ? null : ib.toString());
  }

  /** Compares {@code a} with the position of a resource whose sort key is {@code kb} and id {@code idB}. */
  int compareToPosition(JsonObject a, Comparable<?> kb, String idB) {
    Comparable<?> ka = sortKey(a);
    int c;
    if (ka == null || kb == null) {
      c = ka == kb ? 0 : ka == null ? 1 : -1;
    } else {
      c = compareKeys(ka, kb);
      c = descending ? -c : c;
    }
    if (c != 0) {
      return c;
    }
    Object ia = JsonValues.get(a, "id");
    return compareIds(ia == null ? null : ia.toString(), idB);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compareKeys(Comparable ka, Comparable kb) {
    if (ka.getClass() != kb.getClass()) {
      // Only stored data that contradicts the schema gets here; order by type to stay total.
      return ka.getClass().getName().compareTo(kb.getClass().getName());
    }
    if (ka instanceof String sa && leaf.caseInsensitiveString()) {
      int c = sa.compareToIgnoreCase((String) kb);
      return c != 0 ? c : sa.compareTo((String) kb);
    }
    return ka.compareTo(kb);
  }

  private static int compareIds(String sa, String sb) {
    if (sa == null || sb == null) {
      return sa == sb ? 0 : sa == null ? 1 : -1;
    }
    return sa.compareTo(sb);
  }

  /** The value a resource sorts by, or null when it has none usable. */
  Comparable<?> sortKey(JsonObject resource) {
    Object v = JsonValues.attributeValue(attribute, resource);
    if (v instanceof JsonArray a) {
      v = primaryOrFirst(a);
    }
    v = JsonValues.project(v, key);
    if (v instanceof JsonArray a) {
      v = a.isEmpty() ? null : a.getValue(0);
    }
    if (v == null) {
      return null;
    }
    switch (leaf.type()) {
      case STRING, REFERENCE, BINARY:
        return v instanceof String s && !s.isEmpty() ? s : null;
      case BOOLEAN:
        return v instanceof Boolean bool ? bool : null;
      case INTEGER, DECIMAL:
        return v instanceof Number n ? Comparisons.decimal(n) : null;
      case DATE_TIME:
        return v instanceof String s ? DateTimes.parseOrNull(s) : null;
      default:
        return null;
    }
  }

  private static Object primaryOrFirst(JsonArray values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.getValue(i) instanceof JsonObject o && Boolean.TRUE.equals(JsonValues.get(o, "primary"))) {
        return o;
      }
    }
    for (int i = 0; i < values.size(); i++) {
      Object v = values.getValue(i);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
