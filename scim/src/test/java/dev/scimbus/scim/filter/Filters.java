package dev.scimbus.scim.filter;

import dev.scimbus.scim.path.AttributePath;
import java.math.BigDecimal;

/** Short builders for expected filter trees in tests. */
final class Filters {
  private Filters() {}

  static Filter cmp(String path, CompareOp op, Object value) {
    return new Filter.Compare(AttributePath.parse(path), op, value);
  }

  static Filter eq(String path, Object value) {
    return cmp(path, CompareOp.EQ, value);
  }

  static Filter pr(String path) {
    return new Filter.Present(AttributePath.parse(path));
  }

  static Filter and(Filter a, Filter b) {
    return new Filter.And(a, b);
  }

  static Filter or(Filter a, Filter b) {
    return new Filter.Or(a, b);
  }

  static Filter not(Filter f) {
    return new Filter.Not(f);
  }

  static Filter vp(String attribute, Filter f) {
    return new Filter.ValuePath(AttributePath.parse(attribute), f);
  }

  static BigDecimal n(String s) {
    return new BigDecimal(s);
  }
}
