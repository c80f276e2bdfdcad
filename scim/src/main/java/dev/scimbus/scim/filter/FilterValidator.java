package dev.scimbus.scim.filter;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.AttributeType;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Returned;
import dev.scimbus.scim.schema.SchemaRegistry;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/** Checks a filter against a resource type before it is evaluated or pushed down to storage. */
final class FilterValidator {
  private final SchemaRegistry registry;
  private final ResourceType rt;

  FilterValidator(SchemaRegistry registry, ResourceType rt) {
    this.registry = registry;
    this.rt = rt;
  }

  void validate(Filter f) {
    if (f instanceof Filter.And a) {
      validate(a.left());
      validate(a.right());
    } else if (f instanceof Filter.Or o) {
      validate(o.left());
      validate(o.right());
    } else if (f instanceof Filter.Not n) {
      validate(n.inner());
    } else if (f instanceof Filter.ValuePath v) {
      ResolvedAttribute ra = resolve(v.attribute());
      if (!ra.attribute().isComplex() || ra.subAttribute() != null) {
        throw ScimError.invalidFilter("'" + v.attribute() + "[...]' filters the values of a complex attribute, but '"
            + v.attribute() + "' is of type " + ra.target().type().wire());
      }
      refuseWriteOnly(ra.attribute(), v.attribute());
      validateRelative(ra.attribute(), v.attribute(), v.filter());
    } else if (f instanceof Filter.Present p) {
      ResolvedAttribute ra = resolve(p.path());
      refuseWriteOnly(ra.target(), p.path());
    } else {
      Filter.Compare c = (Filter.Compare) f;
      ResolvedAttribute ra = resolve(c.path());
      refuseWriteOnly(ra.attribute(), c.path());
      refuseWriteOnly(ra.target(), c.path());
      AttributeDefinition leaf = CompareTarget.of(ra).leaf();
      if (leaf == null) {
        throw ScimError.invalidFilter("'" + c.path() + "' is a complex attribute; compare one of its sub-attributes ("
            + subNames(ra.attribute(), c.path()) + ")");
      }
      checkComparison(leaf, c, c.path());
    }
  }

  private void validateRelative(AttributeDefinition parent, AttributePath outer, Filter f) {
    if (f instanceof Filter.And a) {
      validateRelative(parent, outer, a.left());
      validateRelative(parent, outer, a.right());
    } else if (f instanceof Filter.Or o) {
      validateRelative(parent, outer, o.left());
      validateRelative(parent, outer, o.right());
    } else if (f instanceof Filter.Not n) {
      validateRelative(parent, outer, n.inner());
    } else if (f instanceof Filter.ValuePath v) {
      throw ScimError.invalidFilter("Value paths cannot be nested: '" + v.attribute() + "[...]' inside '" + outer + "[...]'");
    } else {
      AttributePath path = f instanceof Filter.Present p ? p.path() : ((Filter.Compare) f).path();
      AttributeDefinition sub = FilterEvaluator.relative(parent, path);
      if (sub == null) {
        throw ScimError.invalidFilter("Inside '" + outer + "[...]', '" + path + "' is not a sub-attribute of '" + outer
            + "'; name one of " + subNames(parent, null) + " without a prefix");
      }
      refuseWriteOnly(sub, outer.child(sub.name()));
      if (f instanceof Filter.Compare c) {
        checkComparison(sub, c, outer.child(path.attribute()));
      }
    }
  }

  /**
   * Rule "write-only attributes cannot be filtered": an attribute that is never returned
   * ({@code password}) must not be probed through filters either, or a client could recover it
   * one {@code sw} at a time. RFC 7644 §3.4.2 answers unfilterable attributes with 400; we use
   * scimType {@code invalidFilter}.
   */
  static void refuseWriteOnly(AttributeDefinition def, AttributePath path) {
    if (def.returned() == Returned.NEVER || def.mutability() == Mutability.WRITE_ONLY) {
      throw ScimError.invalidFilter("'" + path + "' is write-only and cannot be used in a filter");
    }
  }

  private static void checkComparison(AttributeDefinition leaf, Filter.Compare c, AttributePath name) {
    CompareOp op = c.op();
    Object lit = c.value();
    String type = leaf.type().wire();
    if (lit == null) {
      if (op != CompareOp.EQ && op != CompareOp.NE) {
        throw ScimError.invalidFilter("'" + c + "': only eq and ne accept null (meaning: '" + name + "' has no value)");
      }
      return;
    }
    boolean substring = op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW;
    AttributeType t = leaf.type();
    if (substring && t != AttributeType.STRING && t != AttributeType.REFERENCE) {
      throw ScimError.invalidFilter("'" + op.token() + "' applies to string attributes only, but '" + name + "' is of type " + type);
    }
    if (op.isOrdering() && (t == AttributeType.BOOLEAN || t == AttributeType.BINARY || t == AttributeType.COMPLEX)) {
      throw ScimError.invalidFilter("'" + op.token() + "' cannot order " + type + " attribute '" + name
          + "'; use eq, ne or pr (RFC 7644 §3.4.2.2)");
    }
    switch (t) {
      case STRING, REFERENCE, BINARY -> requireLiteral(lit instanceof String, c, name, "a quoted string");
      case BOOLEAN -> requireLiteral(lit instanceof Boolean, c, name, "true or false");
      case INTEGER, DECIMAL -> requireLiteral(lit instanceof BigDecimal, c, name, "a number");
      case DATE_TIME -> {
        requireLiteral(lit instanceof String, c, name, "a quoted dateTime such as \"2011-05-13T04:42:34Z\"");
        DateTimes.literal((String) lit, name);
      }
      default -> throw ScimError.invalidFilter("'" + name + "' is a complex attribute; compare one of its sub-attributes");
    }
  }

  private static void requireLiteral(boolean ok, Filter.Compare c, AttributePath name, String expected) {
    if (!ok) {
      throw ScimError.invalidFilter("In '" + c + "', '" + name + "' must be compared with " + expected
          + ", not " + FilterPrinter.literal(c.value()));
    }
  }

  private ResolvedAttribute resolve(AttributePath path) {
    return registry.resolve(rt, path).orElseThrow(() -> ScimError.invalidFilter(
        "'" + path + "' is not an attribute of resource type " + rt.name()
            + (path.hasSubAttribute() && registry.resolve(rt, path.parent()).isPresent()
                ? " ('" + path.parent() + "' has no sub-attribute '" + path.subAttribute() + "')" : "")));
  }

  private static String subNames(AttributeDefinition parent, AttributePath prefix) {
    return parent.subAttributes().stream()
        .map(s -> prefix == null ? s.name() : prefix + "." + s.name())
        .collect(Collectors.joining(", "));
  }
}
