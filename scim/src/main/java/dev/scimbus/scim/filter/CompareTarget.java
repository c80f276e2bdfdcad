package dev.scimbus.scim.filter;

import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResolvedAttribute;

/**
 * What a comparison or a sort on a resolved attribute looks at: the JSON {@code key} inside each
 * value (null for the value itself) and the {@code leaf} definition that decides how it compares.
 * It is the named sub-attribute, or, by RFC 7644 §3.4.2.2, the {@code value} sub-attribute of a
 * complex attribute named without one ({@code emails co "x"}), or the attribute itself. The
 * in-memory evaluator and every SQL translator use this one rule, so they never disagree on it.
 *
 * @param key the sub-attribute name to read inside each value, or null to compare the value itself
 * @param leaf the definition of the compared value; null for a complex attribute without a
 *     {@code value} sub-attribute (nothing to compare)
 */
public record CompareTarget(String key, AttributeDefinition leaf) {

  public static CompareTarget of(ResolvedAttribute ra) {
    if (ra.subAttribute() != null) {
      return new CompareTarget(ra.subAttribute().name(), ra.subAttribute());
    }
    if (ra.attribute().isComplex()) {
      return new CompareTarget("value", ra.attribute().subAttribute("value").orElse(null));
    }
    return new CompareTarget(null, ra.attribute());
  }
}
