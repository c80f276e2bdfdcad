package dev.scimbus.storage.postgres;

import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.CompareTarget;
import dev.scimbus.scim.filter.DateTimes;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.AttributeType;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Returned;
import dev.scimbus.scim.schema.SchemaRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates SCIM filters and {@code sortBy} into SQL over the {@code data jsonb} column, with the
 * semantics of the kernel's {@code FilterEvaluator} and {@code SortComparator}: strings by the
 * attribute's {@code caseExact} ({@code lower()} on both sides otherwise, ordering in code-point
 * order via {@code COLLATE "C"}), numbers as {@code numeric}, dateTimes as instants, booleans by
 * equality, multi-valued attributes and value paths through {@code EXISTS} over
 * {@code jsonb_array_elements}, {@code pr} by a JSON path that finds any non-empty leaf, and
 * {@code ne}/{@code not} as the negation of a predicate whose SQL NULL is coalesced to false.
 *
 * <p>It relies on what {@code ResourceService} guarantees for stored JSON: attribute names as the
 * schema spells them and values of the schema's type. Filters it cannot translate exactly (nested
 * value paths, multi-valued sub-attributes, malformed dateTime literals) throw
 * {@link Untranslatable}, and the provider then says it cannot push them down.
 */
final class PgFilter {
  /** Any JSON leaf that counts as present for {@code pr}: a number, a boolean or a non-empty string. */
  private static final String PRESENT_PATH =
      "'strict $.** ? (@.type() == \"number\" || @.type() == \"boolean\" || (@.type() == \"string\" && @ != \"\"))'";
  private static final JsonLocation DATA = JsonLocation.whole("data");

  private final SchemaRegistry registry;

  PgFilter(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** Thrown when a filter or sort has no exact SQL translation. */
  static final class Untranslatable extends RuntimeException {
    Untranslatable(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether {@code filter} translates exactly for every resource type of the registry. */
  boolean translatable(Filter filter) {
    for (ResourceType rt : registry.resourceTypes()) {
      try {
        where(rt, filter, new SqlParams(), "s");
      } catch (Untranslatable e) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code sortBy} sorts exactly in SQL for every resource type that has the attribute. */
  boolean sortable(AttributePath sortBy) {
    for (ResourceType rt : registry.resourceTypes()) {
      if (registry.resolve(rt, sortBy).isPresent()) {
        try {
          orderBy(rt, sortBy, false, "s");
        } catch (Untranslatable e) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A boolean SQL expression for {@code filter} over the row's {@code data}; may be NULL where the
   * filter is false. {@code schema} qualifies the helper functions (quoted schema name).
   */
  String where(ResourceType rt, Filter filter, SqlParams params, String schema) {
    return new Build(rt, params, schema).filter(filter);
  }

  /** The ORDER BY list for {@code sortBy}: missing values last in both orders, ties by id. */
  String orderBy(ResourceType rt, AttributePath sortBy, boolean descending, String schema) {
    return new Build(rt, new SqlParams(), schema).orderBy(sortBy, descending);
  }

  /**
   * The condition selecting rows strictly after the keyset position ({@code value}, {@code id}) in
   * the {@link #orderBy} order; {@code value} is the kernel's sort key of the last row, or null.
   */
  String keysetAfter(ResourceType rt, AttributePath sortBy, boolean descending, Object value, String id,
      SqlParams params, String schema) {
    return new Build(rt, params, schema).keysetAfter(sortBy, descending, value, id);
  }

  /** One translation: the resource type, the parameters collected so far, the function schema. */
  private final class Build {
    private final ResourceType rt;
    private final SqlParams params;
    private final String schema;

    Build(ResourceType rt, SqlParams params, String schema) {
      this.rt = rt;
      this.params = params;
      this.schema = schema;
    }

    String filter(Filter f) {
      if (f instanceof Filter.And a) {
        return "(" + filter(a.left()) + " AND " + filter(a.right()) + ")";
      }
      if (f instanceof Filter.Or o) {
        return "(" + filter(o.left()) + " OR " + filter(o.right()) + ")";
      }
      if (f instanceof Filter.Not n) {
        return not(filter(n.inner()));
      }
      if (f instanceof Filter.ValuePath v) {
        return valuePath(v);
      }
      if (f instanceof Filter.Present p) {
        ResolvedAttribute ra = resolve(p.path());
        return ra == null ? "FALSE" : present(ra);
      }
      return compare((Filter.Compare) f);
    }

    private String compare(Filter.Compare c) {
      ResolvedAttribute ra = resolve(c.path());
      if (c.value() == null) {
        String present = ra == null ? "FALSE" : present(ra);
        return c.op() == CompareOp.EQ ? not(present) : c.op() == CompareOp.NE ? present : "FALSE";
      }
      if (ra == null) {
        return c.op() == CompareOp.NE ? "TRUE" : "FALSE";
      }
      if (c.op() == CompareOp.NE) {
        return not(compare(new Filter.Compare(c.path(), CompareOp.EQ, c.value())));
      }
      CompareTarget target = CompareTarget.of(ra);
      AttributeDefinition leaf = target.leaf();
      String key = target.key();
      if (leaf == null) {
        return "FALSE";
      }
      if (key != null && leaf.multiValued()) {
        throw new Untranslatable("multi-valued sub-attribute " + c.path());
      }
      if (!ra.extension() && ra.schema() == registry.common() && ra.attribute().name().equals("id")
          && c.op() == CompareOp.EQ && !leaf.caseInsensitiveString() && c.value() instanceof String) {
        return "id = " + params.add(c.value());  // the primary key
      }
      if (isMemberValue(ra, key, leaf) && c.op() == CompareOp.EQ && c.value() instanceof String) {
        // the partial GIN index of migration V2 over the lower-cased member values
        return "(data ? 'members' AND " + schema + ".scimbus_member_values(data) @> ARRAY[lower("
            + params.add(c.value()) + "::text)])";
      }
      String containment = containment(ra, key, leaf, c);
      if (containment != null) {
        return containment;
      }
      JsonLocation attr = attribute(ra);
      if (ra.attribute().multiValued()) {
        String e = params.alias();
        JsonLocation element = key == null ? JsonLocation.whole(e + ".value") : new JsonLocation(e + ".value", key);
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + arrayOrNull(attr.jsonb()) + ") " + e
            + " WHERE " + leaf(element, leaf, c.op(), c.value()) + ")";
      }
      return leaf(key == null ? attr : attr.child(key), leaf, c.op(), c.value());
    }

    /** The core {@code members.value} (not caseExact), which {@code scimbus_member_values} indexes. */
    private boolean isMemberValue(ResolvedAttribute ra, String key, AttributeDefinition leaf) {
      return !ra.extension() && ra.attribute().multiValued() && ra.attribute().name().equals("members")
          && "value".equals(key) && leaf.caseInsensitiveString();
    }

    /**
     * {@code data @> {...}} for an exact equality (a boolean, or a caseExact string the btree
     * indexes do not serve), so the GIN index can answer it; null when it does not apply.
     * Containment is exact here: arrays contain an element object holding the pair, objects the pair.
     */
    private String containment(ResolvedAttribute ra, String key, AttributeDefinition leaf, Filter.Compare c) {
      if (c.op() != CompareOp.EQ) {
        return null;
      }
      boolean exactString = c.value() instanceof String && !leaf.caseInsensitiveString()
          && (leaf.type() == AttributeType.STRING || leaf.type() == AttributeType.REFERENCE
              || leaf.type() == AttributeType.BINARY);
      boolean bool = c.value() instanceof Boolean && leaf.type() == AttributeType.BOOLEAN;
      if (!exactString && !bool || ra.attribute().name().equals("externalId") && !ra.extension()) {
        return null;
      }
      String v = bool ? "to_jsonb(" + params.add(c.value()) + "::boolean)" : "to_jsonb(" + params.add(c.value()) + "::text)";
      if (key != null) {
        v = "jsonb_build_object(" + lit(key) + ", " + v + ")";
      }
      if (ra.attribute().multiValued()) {
        v = "jsonb_build_array(" + v + ")";
      }
      v = "jsonb_build_object(" + lit(ra.attribute().name()) + ", " + v + ")";
      if (ra.extension()) {
        v = "jsonb_build_object(" + lit(ra.schema().id()) + ", " + v + ")";
      }
      return "data @> " + v;
    }

    /** The typed comparison of one value at {@code at} (never NE, never a null literal). */
    private String leaf(JsonLocation at, AttributeDefinition leaf, CompareOp op, Object lit) {
      switch (leaf.type()) {
        case STRING, REFERENCE, BINARY: {
          if (!(lit instanceof String)) {
            return "FALSE";
          }
          boolean ci = leaf.caseInsensitiveString();
          String p = params.add(lit);
          String l = ci ? "lower(" + at.text() + ")" : at.text();
          String r = ci ? "lower(" + p + ")" : p;
          return switch (op) {
            case EQ -> l + " = " + r;
            case CO -> "strpos(" + l + ", " + r + ") > 0";
            case SW -> "starts_with(" + l + ", " + r + ")";
            case EW -> "right(" + l + ", length(" + r + ")) = " + r;
            default -> l + " COLLATE \"C\" " + sqlOp(op) + " " + r;
          };
        }
        case BOOLEAN:
          return op == CompareOp.EQ && lit instanceof Boolean ? at.jsonb() + " = to_jsonb(" + params.add(lit) + "::boolean)"
              : "FALSE";
        case INTEGER, DECIMAL:
          if (!(lit instanceof BigDecimal d) || !isOrdered(op)) {
            return "FALSE";
          }
          return number(at) + " " + sqlOp(op) + " " + params.add(d) + "::numeric";
        case DATE_TIME: {
          if (!(lit instanceof String s) || !isOrdered(op)) {
            return "FALSE";
          }
          Instant instant = DateTimes.parseOrNull(s);
          if (instant == null) {
            throw new Untranslatable("not a dateTime: " + s);
          }
          return instant(at) + " " + sqlOp(op) + " " + params.add(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        default:
          return "FALSE";
      }
    }

    private String present(ResolvedAttribute ra) {
      JsonLocation attr = attribute(ra);
      if (ra.subAttribute() == null) {
        return present(attr);
      }
      if (ra.attribute().multiValued()) {
        String e = params.alias();
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + arrayOrNull(attr.jsonb()) + ") " + e + " WHERE "
            + present(new JsonLocation(e + ".value", ra.subAttribute().name())) + ")";
      }
      return present(attr.child(ra.subAttribute().name()));
    }

    private String present(JsonLocation at) {
      return "jsonb_path_exists(" + at.jsonb() + ", " + PRESENT_PATH + ")";
    }

    /** {@code attr[filter]}: some element (an array's object, or a single object) satisfies the relative filter. */
    private String valuePath(Filter.ValuePath v) {
      ResolvedAttribute ra = resolve(v.attribute());
      if (ra == null || !ra.attribute().isComplex()) {
        return "FALSE";
      }
      String a = attribute(ra).jsonb();
      String e = params.alias();
      return "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(" + a + ") WHEN 'array' THEN " + a
          + " WHEN 'object' THEN jsonb_build_array(" + a + ") END) " + e + " WHERE jsonb_typeof(" + e
          + ".value) = 'object' AND " + relative(ra.attribute(), e + ".value", v.filter()) + ")";
    }

    private String relative(AttributeDefinition parent, String element, Filter f) {
      if (f instanceof Filter.And a) {
        return "(" + relative(parent, element, a.left()) + " AND " + relative(parent, element, a.right()) + ")";
      }
      if (f instanceof Filter.Or o) {
        return "(" + relative(parent, element, o.left()) + " OR " + relative(parent, element, o.right()) + ")";
      }
      if (f instanceof Filter.Not n) {
        return not(relative(parent, element, n.inner()));
      }
      if (f instanceof Filter.ValuePath) {
        throw new Untranslatable("nested value path");
      }
      AttributePath path = f instanceof Filter.Present p ? p.path() : ((Filter.Compare) f).path();
      AttributeDefinition sub = path.schemaUrn() != null || path.subAttribute() != null ? null
          : parent.subAttribute(path.attribute()).orElse(null);
      JsonLocation at = sub == null ? null : new JsonLocation(element, key(sub.name()));
      if (f instanceof Filter.Present) {
        return at == null ? "FALSE" : present(at);
      }
      Filter.Compare c = (Filter.Compare) f;
      if (c.value() == null) {
        String present = at == null ? "FALSE" : present(at);
        return c.op() == CompareOp.EQ ? not(present) : c.op() == CompareOp.NE ? present : "FALSE";
      }
      if (sub == null) {
        return c.op() == CompareOp.NE ? "TRUE" : "FALSE";
      }
      if (sub.multiValued()) {
        throw new Untranslatable("multi-valued sub-attribute " + path);
      }
      if (c.op() == CompareOp.NE) {
        return not(leaf(at, sub, CompareOp.EQ, c.value()));
      }
      return leaf(at, sub, c.op(), c.value());
    }

    String orderBy(AttributePath sortBy, boolean descending) {
      SortTerms t = sortTerms(sortBy);
      String dir = descending ? " DESC" : " ASC";
      List<String> keys = new ArrayList<>();
      keys.add(t.value() + " IS NULL"); // missing values last in both orders
      for (String k : t.keys(t.value())) {
        keys.add(k + dir);
      }
      keys.add("id COLLATE \"C\" ASC");
      return String.join(", ", keys);
    }

    /**
     * The rows strictly after ({@code value}, {@code id}) in the {@link #orderBy} order, comparing
     * the same key expressions: with a value, every row that has none plus the present rows beyond
     * it (ties by id); without one, the rows without a value and a greater id.
     */
    String keysetAfter(AttributePath sortBy, boolean descending, Object value, String id) {
      SortTerms t = sortTerms(sortBy);
      String idAfter = "id COLLATE \"C\" > " + params.add(id) + "::text";
      if (value == null) {
        return "(" + t.value() + " IS NULL AND " + idAfter + ")";
      }
      List<String> rowKeys = t.keys(t.value());
      List<String> givenKeys = t.keys(params.add(bindable(t.leaf(), value)) + t.cast());
      String beyond = idAfter;
      for (int i = rowKeys.size() - 1; i >= 0; i--) {
        String r = rowKeys.get(i);
        String g = givenKeys.get(i);
        beyond = "(" + r + (descending ? " < " : " > ") + g + " OR (" + r + " = " + g + " AND " + beyond + "))";
      }
      return "(" + t.value() + " IS NULL OR " + beyond + ")";
    }

    private SortTerms sortTerms(AttributePath sortBy) {
      ResolvedAttribute ra = resolve(sortBy);
      if (ra == null) {
        throw new Untranslatable("unknown sortBy " + sortBy);
      }
      CompareTarget target = CompareTarget.of(ra);
      AttributeDefinition leaf = target.leaf();
      String key = target.key();
      if (leaf == null || ra.attribute().multiValued() || leaf.multiValued() || writeOnly(ra.attribute())
          || writeOnly(leaf)) {
        throw new Untranslatable("sortBy " + sortBy + " is not a single value");
      }
      JsonLocation at = key == null ? attribute(ra) : attribute(ra).child(key);
      return switch (leaf.type()) {
        case STRING, REFERENCE, BINARY -> new SortTerms(
            "(CASE WHEN jsonb_typeof(" + at.jsonb() + ") = 'string' THEN NULLIF(" + at.text() + ", '') END)", "::text",
            leaf);
        case BOOLEAN -> new SortTerms(
            "(CASE WHEN jsonb_typeof(" + at.jsonb() + ") = 'boolean' THEN (" + at.jsonb() + ")::boolean END)",
            "::boolean", leaf);
        case INTEGER, DECIMAL -> new SortTerms(number(at), "::numeric", leaf);
        case DATE_TIME -> new SortTerms(instant(at), "::timestamptz", leaf);
        default -> throw new Untranslatable("sortBy " + sortBy + " has no order");
      };
    }

    private ResolvedAttribute resolve(AttributePath path) {
      return registry.resolve(rt, path).orElse(null);
    }

    /** The attribute inside data, or inside its extension object. */
    private JsonLocation attribute(ResolvedAttribute ra) {
      JsonLocation container = ra.extension() ? DATA.child(key(ra.schema().id())) : DATA;
      return container.child(key(ra.attribute().name()));
    }

    private String number(JsonLocation at) {
      return "(CASE WHEN jsonb_typeof(" + at.jsonb() + ") = 'number' THEN (" + at.jsonb() + ")::numeric END)";
    }

    private String instant(JsonLocation at) {
      return schema + ".scimbus_instant(" + at.text() + ")";
    }
  }

  /**
   * How a sortable attribute sorts: {@code value} is its SQL value, NULL when a resource has none;
   * its sort keys are functions of a value (the row's, or a bound keyset value cast by
   * {@code cast}), so ORDER BY and the keyset condition share one definition.
   */
  private record SortTerms(String value, String cast, AttributeDefinition leaf) {
    List<String> keys(String v) {
      return switch (leaf.type()) {
        case STRING, REFERENCE, BINARY -> leaf.caseInsensitiveString()
            ? List.of("lower(" + v + ") COLLATE \"C\"", v + " COLLATE \"C\"")
            : List.of(v + " COLLATE \"C\"");
        default -> List.of(v);
      };
    }
  }

  /** A kernel sort key (String, Boolean, BigDecimal, Instant) as the PG client binds it for {@code leaf}. */
  private static Object bindable(AttributeDefinition leaf, Object value) {
    Object v = value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value;
    boolean fits = switch (leaf.type()) {
      case STRING, REFERENCE, BINARY -> v instanceof String;
      case BOOLEAN -> v instanceof Boolean;
      case INTEGER, DECIMAL -> v instanceof BigDecimal;
      case DATE_TIME -> v instanceof OffsetDateTime;
      default -> false;
    };
    if (!fits) {
      throw new IllegalArgumentException("keyset value " + value + " does not sort like " + leaf.name());
    }
    return v;
  }

  /** SQL NOT that treats NULL (unknown) as false, as the in-memory evaluator does. */
  private static String not(String predicate) {
    return "NOT COALESCE(" + predicate + ", FALSE)";
  }

  private static String arrayOrNull(String jsonb) {
    return "CASE WHEN jsonb_typeof(" + jsonb + ") = 'array' THEN " + jsonb + " END";
  }

  private static String key(String name) {
    if (!JsonLocation.safeKey(name)) {
      throw new Untranslatable("attribute name " + name + " cannot be written as an SQL literal");
    }
    return name;
  }

  private static String lit(String name) {
    return "'" + key(name) + "'";
  }

  private static boolean isOrdered(CompareOp op) {
    return op == CompareOp.EQ || op.isOrdering();
  }

  private static String sqlOp(CompareOp op) {
    String symbol = op.symbol();
    if (symbol == null) {
      throw new IllegalArgumentException("not an ordering operator: " + op);
    }
    return symbol;
  }

  private static boolean writeOnly(AttributeDefinition d) {
    return d.returned() == Returned.NEVER || d.mutability() == Mutability.WRITE_ONLY;
  }
}
