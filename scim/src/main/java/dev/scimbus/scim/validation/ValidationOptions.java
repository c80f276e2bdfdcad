package dev.scimbus.scim.validation;

/**
 * Switches that make {@link ResourceValidator} tolerate what real identity providers send.
 * The defaults reject unknown attributes (a typo should not vanish silently), coerce the
 * {@code "True"}/{@code "False"} strings Entra ID sends for booleans, and match attribute names
 * case-insensitively as RFC 7643 §2.1 requires.
 *
 * @param ignoreUnknownAttributes drop attributes no schema defines instead of failing with 400
 * @param booleanStrings accept the strings "true"/"false" (any case) for boolean attributes
 * @param caseInsensitiveAttributeNames match names ignoring case and rewrite them to the schema's
 *     spelling; when false a name must match the schema exactly
 */
public record ValidationOptions(boolean ignoreUnknownAttributes, boolean booleanStrings,
    boolean caseInsensitiveAttributeNames) {

  public static final ValidationOptions DEFAULT = new ValidationOptions(false, true, true);
}
