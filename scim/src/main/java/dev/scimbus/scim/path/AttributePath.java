package dev.scimbus.scim.path;

import dev.scimbus.scim.ScimError;
import java.util.Locale;

/**
 * An attribute path of RFC 7644 §3.10: an optional schema URN, an attribute name and an optional
 * sub-attribute name ({@code urn:...:enterprise:2.0:User:manager.value}, {@code name.givenName},
 * {@code userName}). Names keep the case the client used; comparisons elsewhere ignore case.
 *
 * @param schemaUrn the schema URN prefix, or null when the path names a core attribute or is
 *     relative (inside a value path filter)
 * @param attribute the attribute name
 * @param subAttribute the sub-attribute name, or null
 */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {

  public AttributePath {
    if (attribute == null || attribute.isEmpty()) {
      throw new IllegalArgumentException("attribute must not be empty");
    }
  }

  public static AttributePath of(String attribute) {
    return new AttributePath(null, attribute, null);
  }

  public static AttributePath of(String attribute, String subAttribute) {
    return new AttributePath(null, attribute, subAttribute);
  }

  /**
   * Parses a whole attribute path. Throws {@code invalidPath} for anything that is not one.
   */
  public static AttributePath parse(String text) {
    if (text == null || text.isBlank()) {
      throw ScimError.invalidPath("An attribute path must not be empty");
    }
    String s = text.trim();
    String urn = null;
    String rest = s;
    if (s.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = s.lastIndexOf(':');
      urn = s.substring(0, colon);
      rest = s.substring(colon + 1);
      if (rest.isEmpty()) {
        throw ScimError.invalidPath("Attribute path '" + text + "' ends with ':' and names no attribute");
      }
    }
    int dot = rest.indexOf('.');
    String attr = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    checkName(attr, text);
    if (sub != null) {
      checkName(sub, text);
    }
    return new AttributePath(urn, attr, sub);
  }

  /** True for a valid ATTRNAME of RFC 7644 (letters, digits, '-', '_'; '$ref' also allowed). */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    if (name.equals("$ref")) {
      return true;
    }
    if (!Character.isLetter(name.charAt(0)) || name.charAt(0) > 127) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void checkName(String name, String whole) {
    if (!isValidName(name)) {
      throw ScimError.invalidPath("'" + name + "' in attribute path '" + whole
          + "' is not a valid attribute name (a letter followed by letters, digits, '-' or '_')");
    }
  }

  public boolean hasSubAttribute() {
    return subAttribute != null;
  }

  /** The same path without its sub-attribute. */
  public AttributePath parent() {
    return subAttribute == null ? this : new AttributePath(schemaUrn, attribute, null);
  }

  /** The path with a sub-attribute appended. */
  public AttributePath child(String sub) {
    if (subAttribute != null) {
      throw new IllegalStateException("SCIM paths have at most one sub-attribute level: " + this);
    }
    return new AttributePath(schemaUrn, attribute, sub);
  }

  /** Case-insensitive equality, the way SCIM compares attribute names and schema URNs. */
  public boolean sameAs(AttributePath other) {
    return other != null
        && eq(schemaUrn, other.schemaUrn)
        && attribute.equalsIgnoreCase(other.attribute)
        && eq(subAttribute, other.subAttribute);
  }

  /** A lower-case key for maps that must match paths case-insensitively. */
  public String key() {
    return toString().toLowerCase(Locale.ROOT);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (schemaUrn != null) {
      sb.append(schemaUrn).append(':');
    }
    sb.append(attribute);
    if (subAttribute != null) {
      sb.append('.').append(subAttribute);
    }
    return sb.toString();
  }
}
