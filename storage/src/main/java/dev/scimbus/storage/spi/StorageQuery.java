package dev.scimbus.storage.spi;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;

/**
 * A query a backend runs for {@code ResourceService}: the part of the filter it said it can push
 * down (null for all resources), an optional sort, and a window. {@code limit} of -1 means no
 * limit (the service then filters, sorts or pages the rest itself).
 */
public record StorageQuery(Filter filter, AttributePath sortBy, boolean descending, int offset, int limit) {

  public static StorageQuery all(Filter filter) {
    return new StorageQuery(filter, null, false, 0, -1);
  }
}
