package dev.scimbus.scim.patch;

/**
 * Switches for the deviations from RFC 7644 §3.5.2 that real identity providers send. Each flag
 * accepts one documented form; with the flag off that form is answered with a clean
 * {@link dev.scimbus.scim.ScimError} instead of being guessed at. {@link #LENIENT} (every flag on)
 * is the default because it is what Microsoft Entra ID and Okta actually send; {@link #STRICT}
 * (every flag off) is the RFC read literally.
 *
 * @param caseInsensitiveOps accept {@code op} names in any case: Entra sends {@code "Replace"},
 *     {@code "Add"}, {@code "Remove"}. Off: only {@code add}, {@code replace}, {@code remove}.
 * @param booleanStrings accept {@code "True"}/{@code "False"} (any case) for boolean attributes
 *     and coerce them to JSON booleans: Entra sends {@code {"op":"Replace","path":"active",
 *     "value":"False"}}. Off: a string for a boolean attribute is 400 invalidValue.
 * @param removeMembersByValueArray accept {@code {"op":"Remove","path":"members","value":
 *     [{"value":"id"}]}} (Entra) and the path-less {@code {"op":"remove","value":{"members":
 *     [{"value":"id"}]}}}: the listed elements are removed, ids that are not members are ignored.
 *     Off: a {@code remove} carrying a value is 400 invalidSyntax (it would otherwise silently
 *     remove every member).
 * @param addThroughFilterMerges accept {@code add} through a value filter path, e.g.
 *     {@code {"op":"add","path":"emails[type eq \"work\"].value","value":"x@y"}} (Entra): the value
 *     is merged into every matching element, or, when none matches, a new element is created from
 *     the filter's {@code eq} comparisons plus the value ({@code {type: work, value: x@y}}). The
 *     same creation applies to {@code replace} through a filter that matches nothing, which Entra
 *     also sends for a user without a work email. Off: {@code add} with a filter is 400
 *     invalidPath and an unmatched {@code replace} filter is 400 noTarget, as the RFC says.
 * @param managerAsString accept a plain string for a single-valued complex attribute that has a
 *     {@code value} sub-attribute, i.e. the enterprise {@code manager}: {@code {"op":"replace",
 *     "path":"urn:...:enterprise:2.0:User:manager","value":"mgr-id"}} becomes
 *     {@code {"value":"mgr-id"}} (Entra). Off: 400 invalidValue.
 * @param caseInsensitiveAttributeNames accept attribute names in any case in paths and value
 *     objects ({@code "Emails[Type eq \"work\"].Value"}, {@code {"DisplayName": ...}}) and store
 *     them with the schema's spelling. RFC 7643 §2.1 calls names case-insensitive, so this is on
 *     by default; off, a name not spelled as the schema spells it is 400 invalidPath.
 * @param replaceWithoutPathAcceptsActive accept Okta's path-less {@code replace} whose value
 *     object echoes read-only attributes ({@code id}, {@code meta}, {@code groups}) next to
 *     {@code {"active": false}}: those are ignored. Off: a read-only attribute in a path-less value
 *     object is ignored only when it equals the current value, else 400 mutability. (The
 *     {@code "schemas"} key of a value object is always ignored, and a path-less replace of any
 *     writable attribute always works, as the RFC says.)
 */
public record PatchOptions(
    boolean caseInsensitiveOps,
    boolean booleanStrings,
    boolean removeMembersByValueArray,
    boolean addThroughFilterMerges,
    boolean managerAsString,
    boolean caseInsensitiveAttributeNames,
    boolean replaceWithoutPathAcceptsActive) {

  /** Everything Entra ID and Okta send is accepted: the default. */
  public static final PatchOptions LENIENT = new PatchOptions(true, true, true, true, true, true, true);

  /** RFC 7644 read literally: every quirk is rejected with a ScimError. */
  public static final PatchOptions STRICT = new PatchOptions(false, false, false, false, false, false, false);
}
