package dev.scimbus.storage.spi;

import java.util.Objects;

/**
 * A position in a listing, after which a keyset page starts (RFC 9865 cursor paging). For a
 * query with {@code sortBy}, {@code sortValue} is the value the last resource of the previous
 * page sorts by ({@code String}, {@code Boolean}, {@code BigDecimal}, {@code Instant}, or null
 * when it had none: missing values sort last in both orders) and {@code position} is unused; for
 * the default order, {@code position} is that resource's creation position as the provider
 * reported it in {@link KeyedResource#position()}. {@code id} breaks ties, always ascending.
 *
 * <p>A provider that applies it returns exactly the resources strictly after this position in
 * the query's order, whether or not the resource it came from still exists.
 */
public record Keyset(Object sortValue, long position, String id) {

  public Keyset {
    Objects.requireNonNull(id, "id");
  }
}
