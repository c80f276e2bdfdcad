package dev.scimbus.scim.path;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterParser;
import java.util.Objects;

/**
 * The target of a PATCH operation (RFC 7644 §3.5.2): an attribute path, optionally narrowed to the
 * elements of a multi-valued attribute that match {@code valueFilter}, and optionally to one
 * sub-attribute of those elements ({@code emails[type eq "work"].value}). Paths inside
 * {@code valueFilter} are relative to the element ({@code AttributePath.of("type")}).
 *
 * @param attribute the attribute (with schema URN if the client wrote one); has a sub-attribute
 *     only when there is no value filter ({@code name.givenName})
 * @param valueFilter the filter between brackets, or null
 * @param subAttribute the sub-attribute after {@code ].}, or null; only with a value filter
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

  public PatchPath {
    Objects.requireNonNull(attribute, "attribute");
    if (valueFilter != null && attribute.hasSubAttribute()) {
      throw new IllegalArgumentException("a value filter applies to an attribute, not to sub-attribute " + attribute);
    }
    if (subAttribute != null && valueFilter == null) {
      throw new IllegalArgumentException("subAttribute is only for attr[filter].sub; put it in the AttributePath instead");
    }
  }

  /** Parses a PATCH path; throws {@code ScimError} 400 {@code invalidPath} naming the position. */
  public static PatchPath parse(String text) {
    return FilterParser.parsePatchPath(text);
  }

  public boolean hasValueFilter() {
    return valueFilter != null;
  }

  @Override
  public String toString() {
    if (valueFilter == null) {
      return attribute.toString();
    }
    return attribute + "[" + valueFilter + "]" + (subAttribute == null ? "" : "." + subAttribute);
  }
}
