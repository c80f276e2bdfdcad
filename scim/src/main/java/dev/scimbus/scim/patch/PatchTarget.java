package dev.scimbus.scim.patch;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResolvedAttribute;

/**
 * Where one operation lands: the resolved top-level attribute, an optional value filter selecting
 * elements of a multi-valued complex attribute, and an optional sub-attribute. {@code text} is
 * the path as the client wrote it, for error details.
 */
record PatchTarget(ResolvedAttribute resolved, Filter filter, AttributeDefinition sub, String text) {

  AttributeDefinition attribute() {
    return resolved.attribute();
  }

  /** The attribute's path without sub-attribute, as the filter evaluator wants it. */
  AttributePath attributePath() {
    return new AttributePath(resolved.extension() ? resolved.schema().id() : null, attribute().name(), null);
  }

  /**
   * Checks that a value filter only names sub-attributes of the attribute it filters; nested
   * value paths and URN-qualified names have no meaning there.
   */
  static void checkFilter(AttributeDefinition attr, Filter f, String text, ValueCoercer coercer) {
    if (f instanceof Filter.And and) {
      checkFilter(attr, and.left(), text, coercer);
      checkFilter(attr, and.right(), text, coercer);
    } else if (f instanceof Filter.Or or) {
      checkFilter(attr, or.left(), text, coercer);
      checkFilter(attr, or.right(), text, coercer);
    } else if (f instanceof Filter.Not not) {
      checkFilter(attr, not.inner(), text, coercer);
    } else if (f instanceof Filter.Compare c) {
      checkName(attr, c.path(), text, coercer);
    } else if (f instanceof Filter.Present p) {
      checkName(attr, p.path(), text, coercer);
    } else {
      throw ScimError.invalidPath("'" + text + "' nests a value filter inside a value filter");
    }
  }

  private static void checkName(AttributeDefinition attr, AttributePath p, String text, ValueCoercer coercer) {
    if (p.schemaUrn() != null || p.subAttribute() != null) {
      throw ScimError.invalidPath("The filter in '" + text + "' may only name sub-attributes of '" + attr.name()
          + "', not '" + p + "'");
    }
    AttributeDefinition sub = attr.subAttribute(p.attribute()).orElseThrow(() -> ScimError.invalidPath(
        "The filter in '" + text + "' names '" + p.attribute() + "', which is not a sub-attribute of '" + attr.name()
            + "'; known: " + ValueCoercer.names(attr.subAttributes())));
    coercer.spell(p.attribute(), sub.name(), text, ScimType.invalidPath);
  }
}
