package dev.scimbus.scim.filter;

import dev.scimbus.scim.path.AttributePath;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The abstract syntax of a SCIM filter (RFC 7644 §3.4.2.2). Storage backends translate it into
 * their own query language by switching over these records; {@link FilterEvaluator} evaluates it
 * in memory. {@link #toString()} prints a filter that parses back to an equal tree.
 */
public sealed interface Filter {

  /**
   * {@code path op value}. The value is a {@link String} (also for dateTime and binary and
   * reference literals, which the grammar writes as strings), a {@link BigDecimal}, a
   * {@link Boolean}, or null for the {@code null} literal.
   */
  record Compare(AttributePath path, CompareOp op, Object value) implements Filter {
    public Compare {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(op, "op");
      if (value != null && !(value instanceof String) && !(value instanceof BigDecimal) && !(value instanceof Boolean)) {
        throw new IllegalArgumentException("filter literal must be String, BigDecimal, Boolean or null: " + value.getClass());
      }
    }

    @Override
    public String toString() {
      return path + " " + op.token() + " " + FilterPrinter.literal(value);
    }
  }

  /** {@code path pr}. */
  record Present(AttributePath path) implements Filter {
    public Present {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path + " pr";
    }
  }

  record And(Filter left, Filter right) implements Filter {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  record Or(Filter left, Filter right) implements Filter {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  record Not(Filter inner) implements Filter {
    public Not {
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  /**
   * {@code attribute[filter]}: some element of the multi-valued complex {@code attribute}
   * satisfies {@code filter}, whose paths are relative to that element (sub-attribute names,
   * stored as {@link AttributePath#attribute()} with no schema URN).
   */
  record ValuePath(AttributePath attribute, Filter filter) implements Filter {
    public ValuePath {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }
}
