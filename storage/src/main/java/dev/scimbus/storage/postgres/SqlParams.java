package dev.scimbus.storage.postgres;

import io.vertx.sqlclient.Tuple;

/**
 * The bind parameters of one statement as it is built: every value a client sent goes in here
 * and the SQL text only ever holds its {@code $n} placeholder.
 */
final class SqlParams {
  private final Tuple tuple = Tuple.tuple();
  private int aliases;

  /** Adds a value and returns its placeholder. */
  String add(Object value) {
    tuple.addValue(value);
    return "$" + tuple.size();
  }

  /** A fresh alias for a nested {@code jsonb_array_elements} scan. */
  String alias() {
    return "e" + (++aliases);
  }

  Tuple tuple() {
    return tuple;
  }
}
