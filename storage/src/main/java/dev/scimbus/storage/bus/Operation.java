package dev.scimbus.storage.bus;

/** The SCIM operations the HTTP layer hands to the storage verticle. */
public enum Operation {
  CREATE,
  GET,
  REPLACE,
  PATCH,
  DELETE,
  /** GET on a resource-type endpoint with query parameters. */
  LIST,
  /** POST /.search on a resource type, or on the root when resourceType is null. */
  SEARCH
}
