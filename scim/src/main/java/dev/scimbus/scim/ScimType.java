package dev.scimbus.scim;

/** The {@code scimType} error keywords of RFC 7644 §3.12 plus RFC 9865's cursor errors. */
public enum ScimType {
  invalidFilter,
  tooMany,
  uniqueness,
  mutability,
  invalidSyntax,
  invalidPath,
  noTarget,
  invalidValue,
  invalidVers,
  sensitive,
  invalidCursor,
  expiredCursor
}
