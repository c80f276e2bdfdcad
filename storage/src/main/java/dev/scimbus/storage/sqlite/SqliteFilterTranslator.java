package dev.scimbus.storage.sqlite;

import dev.scimbus.scim.CaseFold;
import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.CompareTarget;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.AttributeType;
import dev.scimbus.scim.schema.Uniqueness;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Returned;
import dev.scimbus.scim.schema.SchemaRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates SCIM filters and {@code sortBy} into SQL over SQLite's JSON functions, with the
 * semantics of the kernel's {@code FilterEvaluator}: a multi-valued attribute matches when any
 * value does ({@code EXISTS} over {@code json_each}), {@code ne} is the negation of {@code eq}
 * (true when the attribute is missing), case-insensitive strings compare through
 * {@code scim_fold}, dateTimes as instants through {@code scim_instant}, numbers as numbers,
 * {@code pr} is false for null, "" and containers without a present value.
 *
 * <p>The SQL refers to the resource row as {@code r} (column {@code data}). Whatever cannot be
 * translated exactly (a nested value path, a number a double cannot hold, a malformed dateTime,
 * an operator that makes no sense for the type) yields an empty result, so the provider reports
 * it as not pushable and {@code ResourceService} evaluates it in memory. Every condition yields 0
 * or 1, never NULL, so {@code NOT} is exact.
 */
final class SqliteFilterTranslator {
  private static final SqlFragment DATA = SqlFragment.of("r.data");

  private final SchemaRegistry registry;

  SqliteFilterTranslator(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** The WHERE condition for {@code filter} on resources of type {@code rt}, if it translates exactly. */
  Optional<SqlFragment> where(ResourceType rt, Filter filter) {
    try {
      return Optional.of(filter(rt, filter));
    } catch (Untranslatable e) {
      return Optional.empty();
    }
  }

  /**
   * The ORDER BY terms for {@code sortBy} (missing values last in both directions, ties by id),
   * if SQL can sort by it exactly: a single-valued string, boolean, number or dateTime.
   */
  Optional<SqlFragment> orderBy(ResourceType rt, AttributePath sortBy, boolean descending) {
    return sortTerms(rt, sortBy).map(t -> {
      // Missing values first sort last, then tie with each other: only the id orders them.
      SqlFragment order = SqlFragment.format("{0} DESC", t.present());
      String dir = descending ? " DESC" : " ASC";
      for (SqlFragment sortKey : t.keys(t.column())) {
        order = SqlFragment.format("{0}, CASE WHEN {1} = 1 THEN {2} END" + dir, order, t.present(), sortKey);
      }
      return SqlFragment.format("{0}, r.id ASC", order);
    });
  }

  /**
   * The WHERE condition selecting the rows strictly after the keyset position ({@code value},
   * {@code id}) in the {@link #orderBy} order, or empty when {@code sortBy} does not translate.
   * {@code value} is the kernel's sort key of the last row (String, Boolean, BigDecimal, Instant)
   * or null when that row had none.
   */
  Optional<SqlFragment> keysetAfter(ResourceType rt, AttributePath sortBy, boolean descending, Object value,
      String id) {
    return sortTerms(rt, sortBy).map(t -> {
      SqlFragment idAfter = SqlFragment.format("r.id > {0}", SqlFragment.param(id));
      if (value == null) {
        return SqlFragment.format("({0} = 0 AND {1})", t.present(), idAfter);
      }
      SqlFragment rowKeys = tuple(t.keys(t.column()));
      SqlFragment givenKeys = tuple(t.keys(SqlFragment.param(bindable(value))));
      SqlFragment beyond = SqlFragment.format("{0} " + (descending ? "<" : ">") + " {1}", rowKeys, givenKeys);
      return SqlFragment.format("({0} = 0 OR ({0} = 1 AND ({1} OR ({2} = {3} AND {4}))))", t.present(), beyond,
          rowKeys, givenKeys, idAfter);
    });
  }

  private static SqlFragment tuple(List<SqlFragment> keys) {
    SqlFragment out = keys.get(0);
    for (int i = 1; i < keys.size(); i++) {
      out = SqlFragment.format("{0}, {1}", out, keys.get(i));
    }
    return SqlFragment.format("({0})", out);
  }

  /** A kernel sort key as SQLite compares it with what json_extract yields. */
  private static Object bindable(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return d.doubleValue();
      }
    }
    return value.toString(); // String, or an Instant in ISO form that scim_instant normalizes
  }

  /**
   * How a sortable attribute sorts: a 0/1 presence flag and its sort keys as functions of a value
   * (the row's JSON value, or a bound keyset value), so ORDER BY and keyset share one definition.
   */
  private record SortTerms(SqlFragment present, SqlFragment column, AttributeDefinition leaf) {
    List<SqlFragment> keys(SqlFragment v) {
      return switch (leaf.type()) {
        case STRING, REFERENCE, BINARY -> leaf.caseInsensitiveString()
            ? List.of(SqlFragment.format("scim_fold({0})", v), v)
            : List.of(v);
        case DATE_TIME -> List.of(SqlFragment.format("scim_instant({0})", v));
        default -> List.of(v);
      };
    }
  }

  private Optional<SortTerms> sortTerms(ResourceType rt, AttributePath sortBy) {
    ResolvedAttribute ra = registry.resolve(rt, sortBy).orElse(null);
    if (ra == null || ra.attribute().multiValued() || writeOnly(ra.attribute()) || writeOnly(ra.target())) {
      return Optional.empty();
    }
    CompareTarget target = CompareTarget.of(ra);
    AttributeDefinition leaf = target.leaf();
    String key = target.key();
    if (leaf == null || leaf.multiValued() || leaf.isComplex() || !safeName(ra, key)) {
      return Optional.empty();
    }
    Leaf v = Leaf.single(DATA, jsonPath(ra, key));
    SqlFragment present = switch (leaf.type()) {
      case STRING, REFERENCE, BINARY -> SqlFragment.format("{0} = 'text' AND {1} <> ''", v.type, v.value);
      case BOOLEAN -> SqlFragment.format("{0} IN ('true', 'false')", v.type);
      case INTEGER, DECIMAL -> SqlFragment.format("{0} IN ('integer', 'real')", v.type);
      case DATE_TIME -> SqlFragment.format("scim_instant({0}) IS NOT NULL", v.value);
      default -> null;
    };
    if (present == null) {
      return Optional.empty();
    }
    return Optional.of(new SortTerms(SqlFragment.format("(CASE WHEN {0} THEN 1 ELSE 0 END)", present), v.value, leaf));
  }

  private SqlFragment filter(ResourceType rt, Filter f) {
    if (f instanceof Filter.And a) {
      return SqlFragment.format("({0} AND {1})", filter(rt, a.left()), filter(rt, a.right()));
    }
    if (f instanceof Filter.Or o) {
      return SqlFragment.format("({0} OR {1})", filter(rt, o.left()), filter(rt, o.right()));
    }
    if (f instanceof Filter.Not n) {
      return SqlFragment.format("(NOT {0})", filter(rt, n.inner()));
    }
    if (f instanceof Filter.ValuePath vp) {
      return valuePath(rt, vp);
    }
    if (f instanceof Filter.Present p) {
      ResolvedAttribute ra = registry.resolve(rt, p.path()).orElse(null);
      return ra == null ? SqlFragment.FALSE : present(ra);
    }
    Filter.Compare c = (Filter.Compare) f;
    ResolvedAttribute ra = registry.resolve(rt, c.path()).orElse(null);
    if (c.value() == null) {
      return nullComparison(c.op(), ra == null ? SqlFragment.FALSE : present(ra));
    }
    if (ra == null) {
      return SqlFragment.constant(c.op() == CompareOp.NE);
    }
    return compare(ra, c.op(), c.value());
  }

  /** {@code eq null} holds exactly when the attribute is not present, {@code ne null} when it is. */
  private static SqlFragment nullComparison(CompareOp op, SqlFragment present) {
    return switch (op) {
      case EQ -> SqlFragment.format("(NOT {0})", present);
      case NE -> present;
      default -> SqlFragment.FALSE;
    };
  }

  /** {@code pr}: only an explicitly named sub-attribute is projected (unlike comparisons). */
  private SqlFragment present(ResolvedAttribute ra) {
    String sub = ra.subAttribute() == null ? null : ra.subAttribute().name();
    if (!safeName(ra, sub)) {
      throw Untranslatable.INSTANCE;
    }
    AttributeDefinition a = ra.attribute();
    if (sub == null) {
      if (!a.multiValued() && !a.isComplex()) {
        return Leaf.single(DATA, jsonPath(ra, null)).nonEmpty();
      }
      // A container is present when some scalar anywhere inside it is neither null nor "".
      return SqlFragment.format("EXISTS (SELECT 1 FROM json_tree({0}, {1}) AS t WHERE t.type NOT IN "
          + "('object', 'array', 'null') AND NOT (t.type = 'text' AND t.atom = ''))", DATA,
          SqlFragment.param(jsonPath(ra, null)));
    }
    scalar(ra.subAttribute());
    if (a.multiValued()) {
      return anyElement(ra, Leaf.elementSub(sub).nonEmpty());
    }
    return Leaf.single(DATA, jsonPath(ra, sub)).nonEmpty();
  }

  private SqlFragment compare(ResolvedAttribute ra, CompareOp op, Object literal) {
    if (op == CompareOp.NE) {
      return SqlFragment.format("(NOT {0})", compare(ra, CompareOp.EQ, literal));
    }
    if (op == CompareOp.EQ && literal instanceof String text && uniqueTopLevel(ra)) {
      return uniqueKeyLookup(ra, text);
    }
    CompareTarget target = CompareTarget.of(ra);
    AttributeDefinition leafDef = target.leaf();
    String key = target.key();
    if (leafDef == null || !safeName(ra, key)) {
      throw Untranslatable.INSTANCE;
    }
    if (key != null || !ra.attribute().multiValued()) {
      scalar(leafDef); // the elements of a multi-valued simple attribute are scalars themselves
    }
    if (ra.attribute().multiValued()) {
      Leaf leaf = key == null ? Leaf.ELEMENT : Leaf.elementSub(key);
      return anyElement(ra, condition(leaf, leafDef, op, literal));
    }
    return condition(Leaf.single(DATA, jsonPath(ra, key)), leafDef, op, literal);
  }

  private static boolean uniqueTopLevel(ResolvedAttribute ra) {
    AttributeDefinition a = ra.attribute();
    return ra.subAttribute() == null && a.uniqueness() != Uniqueness.NONE && !a.multiValued()
        && a.type() == AttributeType.STRING && !a.name().equals("id");
  }

  /**
   * {@code eq} on a unique string attribute (userName): answered from the unique index of
   * {@code unique_keys}, whose values are folded exactly like the comparison folds, instead of a
   * scan of every resource's JSON.
   */
  private static SqlFragment uniqueKeyLookup(ResolvedAttribute ra, String literal) {
    // stored lower-cased by SqliteRepository.bindKeys
    String attribute = ((ra.extension() ? ra.schema().id() + ":" : "") + ra.attribute().name()).toLowerCase(Locale.ROOT);
    String value = ra.attribute().caseExact() ? literal : CaseFold.fold(literal);
    // Uncorrelated, so SQLite evaluates it once through unique_keys_lookup and then probes the
    // primary key, instead of one sub-select per resource row.
    return SqlFragment.format("(r.tenant, r.type, r.id) IN (SELECT k.tenant, k.type, k.resource_id FROM unique_keys k"
        + " WHERE k.attribute = {0} AND k.value = {1})", SqlFragment.param(attribute), SqlFragment.param(value));
  }

  private SqlFragment anyElement(ResolvedAttribute ra, SqlFragment condition) {
    return SqlFragment.format("EXISTS (SELECT 1 FROM json_each({0}, {1}) AS e WHERE {2})", DATA,
        SqlFragment.param(jsonPath(ra, null)), condition);
  }

  /**
   * {@code attr[filter]}: some element of the complex attribute (its only value when it is
   * single-valued) is an object satisfying the relative filter.
   */
  private SqlFragment valuePath(ResourceType rt, Filter.ValuePath vp) {
    ResolvedAttribute ra = registry.resolve(rt, vp.attribute()).orElse(null);
    if (ra == null || !ra.attribute().isComplex()) {
      return SqlFragment.FALSE;
    }
    if (ra.subAttribute() != null || !safeName(ra, null)) {
      throw Untranslatable.INSTANCE;
    }
    SqlFragment path = SqlFragment.param(jsonPath(ra, null));
    SqlFragment source = ra.attribute().multiValued()
        ? SqlFragment.format("json_each({0}, {1})", DATA, path)
        : SqlFragment.format("(SELECT json_extract({0}, {1}) AS value, json_type({0}, {1}) AS type)", DATA, path);
    return SqlFragment.format("EXISTS (SELECT 1 FROM {0} AS e WHERE e.type = 'object' AND {1})", source,
        relative(ra.attribute(), vp.filter()));
  }

  private SqlFragment relative(AttributeDefinition parent, Filter f) {
    if (f instanceof Filter.And a) {
      return SqlFragment.format("({0} AND {1})", relative(parent, a.left()), relative(parent, a.right()));
    }
    if (f instanceof Filter.Or o) {
      return SqlFragment.format("({0} OR {1})", relative(parent, o.left()), relative(parent, o.right()));
    }
    if (f instanceof Filter.Not n) {
      return SqlFragment.format("(NOT {0})", relative(parent, n.inner()));
    }
    if (f instanceof Filter.ValuePath) {
      throw Untranslatable.INSTANCE; // nested value paths are a client error the evaluator reports
    }
    AttributePath path = f instanceof Filter.Present p ? p.path() : ((Filter.Compare) f).path();
    AttributeDefinition sub = path.schemaUrn() != null || path.subAttribute() != null
        ? null : parent.subAttribute(path.attribute()).orElse(null);
    if (sub == null) {
      if (f instanceof Filter.Compare c) {
        return c.value() == null ? nullComparison(c.op(), SqlFragment.FALSE) : SqlFragment.constant(c.op() == CompareOp.NE);
      }
      return SqlFragment.FALSE;
    }
    if (!safe(sub.name())) {
      throw Untranslatable.INSTANCE;
    }
    scalar(sub);
    Leaf leaf = Leaf.elementSub(sub.name());
    if (f instanceof Filter.Present) {
      return leaf.nonEmpty();
    }
    Filter.Compare c = (Filter.Compare) f;
    if (c.value() == null) {
      return nullComparison(c.op(), leaf.nonEmpty());
    }
    if (c.op() == CompareOp.NE) {
      return SqlFragment.format("(NOT {0})", condition(leaf, sub, CompareOp.EQ, c.value()));
    }
    return condition(leaf, sub, c.op(), c.value());
  }

  /** One scalar compared with a literal (op is not NE); 0 or 1, never NULL. */
  private static SqlFragment condition(Leaf leaf, AttributeDefinition def, CompareOp op, Object literal) {
    SqlFragment test = switch (def.type()) {
      case STRING, REFERENCE, BINARY -> stringCondition(leaf, def.caseInsensitiveString(), op, literal);
      case BOOLEAN -> {
        if (op != CompareOp.EQ || !(literal instanceof Boolean b)) {
          throw Untranslatable.INSTANCE;
        }
        yield SqlFragment.format("{0} = {1}", leaf.type, SqlFragment.param(b ? "true" : "false"));
      }
      case INTEGER, DECIMAL -> SqlFragment.format("{0} IN ('integer', 'real') AND {1} " + ordering(op) + " {2}",
          leaf.type, leaf.value, SqlFragment.param(number(literal)));
      case DATE_TIME -> {
        String key = literal instanceof String s ? SqliteFunctions.instantKey(s) : null;
        if (key == null) {
          throw Untranslatable.INSTANCE;
        }
        yield SqlFragment.format("scim_instant({0}) " + ordering(op) + " {1}", leaf.value, SqlFragment.param(key));
      }
      default -> throw Untranslatable.INSTANCE;
    };
    return SqlFragment.format("ifnull({0}, 0)", test);
  }

  private static SqlFragment stringCondition(Leaf leaf, boolean ignoreCase, CompareOp op, Object literal) {
    if (!(literal instanceof String s)) {
      throw Untranslatable.INSTANCE;
    }
    SqlFragment x = ignoreCase ? SqlFragment.format("scim_fold({0})", leaf.value) : leaf.value;
    SqlFragment lit = SqlFragment.param(ignoreCase ? SqliteFunctions.fold(s) : s);
    SqlFragment test = switch (op) {
      case CO -> SqlFragment.format("instr({0}, {1}) > 0", x, lit);
      case SW -> SqlFragment.format("substr({0}, 1, length({1})) = {1}", x, lit);
      case EW -> SqlFragment.format("length({0}) >= length({1}) AND substr({0}, length({0}) - length({1}) + 1) = {1}",
          x, lit);
      default -> SqlFragment.format("{0} " + ordering(op) + " {1}", x, lit);
    };
    return SqlFragment.format("{0} = 'text' AND {1}", leaf.type, test);
  }

  private static String ordering(CompareOp op) {
    String symbol = op.symbol();
    if (symbol == null) {
      throw Untranslatable.INSTANCE; // co/sw/ew never hold for numbers and dateTimes
    }
    return symbol;
  }

  /** The literal as a value SQLite compares exactly like BigDecimal compares with a stored double or long. */
  private static Object number(Object literal) {
    if (!(literal instanceof BigDecimal d)) {
      throw Untranslatable.INSTANCE;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException notALong) {
      double dbl = d.doubleValue();
      if (Double.isFinite(dbl) && BigDecimal.valueOf(dbl).compareTo(d) == 0) {
        return dbl;
      }
      throw Untranslatable.INSTANCE;
    }
  }

  private static void scalar(AttributeDefinition def) {
    if (def.multiValued() || def.isComplex()) {
      throw Untranslatable.INSTANCE;
    }
  }

  private static boolean writeOnly(AttributeDefinition d) {
    return d.returned() == Returned.NEVER || d.mutability() == Mutability.WRITE_ONLY;
  }

  /**
   * The JSON path of an attribute as stored: ResourceService stores schema-spelled names, and
   * extension attributes under their schema URN. Bound as a parameter like any value.
   */
  static String jsonPath(ResolvedAttribute ra, String key) {
    StringBuilder sb = new StringBuilder("$");
    if (ra.extension()) {
      sb.append(".\"").append(ra.schema().id()).append('"');
    }
    sb.append(".\"").append(ra.attribute().name()).append('"');
    if (key != null) {
      sb.append(".\"").append(key).append('"');
    }
    return sb.toString();
  }

  /** Names that cannot be quoted in a JSON path are left to the in-memory evaluator. */
  private static boolean safeName(ResolvedAttribute ra, String key) {
    return safe(ra.attribute().name()) && (key == null || safe(key)) && (!ra.extension() || safe(ra.schema().id()));
  }

  private static boolean safe(String name) {
    return name.indexOf('"') < 0 && name.indexOf('\\') < 0;
  }

  /** How to read one scalar: its SQL value and its JSON type name. */
  private record Leaf(SqlFragment value, SqlFragment type) {
    static final Leaf ELEMENT = new Leaf(SqlFragment.of("e.value"), SqlFragment.of("e.type"));

    static Leaf single(SqlFragment doc, String path) {
      SqlFragment p = SqlFragment.param(path);
      return new Leaf(SqlFragment.format("json_extract({0}, {1})", doc, p),
          SqlFragment.format("json_type({0}, {1})", doc, p));
    }

    /** A sub-attribute of the current json_each element; CASE keeps json_extract off non-object elements. */
    static Leaf elementSub(String key) {
      SqlFragment p = SqlFragment.param("$.\"" + key + "\"");
      return new Leaf(SqlFragment.format("CASE WHEN e.type = 'object' THEN json_extract(e.value, {0}) END", p),
          SqlFragment.format("CASE WHEN e.type = 'object' THEN json_type(e.value, {0}) END", p));
    }

    /** A scalar is present unless it is missing, null or "" (false and 0 are present). */
    SqlFragment nonEmpty() {
      return SqlFragment.format("ifnull({0} <> '', 0)", value);
    }
  }

  /** Thrown (without a stack trace) to abandon a translation that would not be exact. */
  private static final class Untranslatable extends RuntimeException {
    static final Untranslatable INSTANCE = new Untranslatable();

    private Untranslatable() {
      super(null, null, false, false);
    }
  }
}
