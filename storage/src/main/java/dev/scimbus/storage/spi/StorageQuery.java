package dev.scimbus.storage.spi;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;

/**
 * A query a backend runs for {@code ResourceService}: the part of the filter it said it can push
 * down (null for all resources), an optional sort, and a window. {@code limit} of -1 means no
 * limit (the service then filters, sorts or pages the rest itself). {@code after}, when not
 * null, restricts the result to the resources strictly after that position in the query's order
 * (keyset paging); the service only sets it for providers whose
 * {@link StorageProvider#supportsKeyset()} is true.
 */
public record StorageQuery(Filter filter, AttributePath sortBy, boolean descending, int offset, int limit,
    Keyset after) {

  /** A query without a keyset position, as before cursor paging. */
  public StorageQuery(Filter filter, AttributePath sortBy, boolean descending, int offset, int limit) {
    this(filter, sortBy, descending, offset, limit, null);
  }

  public static StorageQuery all(Filter filter) {
    return new StorageQuery(filter, null, false, 0, -1);
  }
}
