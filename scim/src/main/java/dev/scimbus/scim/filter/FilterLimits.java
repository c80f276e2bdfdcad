package dev.scimbus.scim.filter;

/**
 * Bounds on what {@link FilterParser} accepts, so a hostile client cannot make the server spend
 * unbounded time or stack on one filter. {@code maxLength} counts characters of the filter text;
 * {@code maxDepth} counts nesting levels opened by {@code (}, {@code not (} and value paths
 * {@code attr[...]}.
 */
public record FilterLimits(int maxLength, int maxDepth) {
  public static final FilterLimits DEFAULT = new FilterLimits(4096, 32);

  public FilterLimits {
    if (maxLength < 1 || maxDepth < 0) {
      throw new IllegalArgumentException("filter limits must be positive: maxLength=" + maxLength + ", maxDepth=" + maxDepth);
    }
  }
}
