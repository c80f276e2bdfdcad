package dev.scimbus.storage.postgres;

import dev.scimbus.storage.spi.StorageException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the PostgreSQL client reports into the SPI's typed failures. Lost or refused
 * connections, timeouts, a server shutting down or refusing connections, and transient conflicts
 * (deadlock, serialization) are UNAVAILABLE: the client may retry. SQL errors that mean a bug stay
 * as they are, so {@code ResourceService} reports a 500 and logs them.
 */
final class PgErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String UNDEFINED_TABLE = "42P01";
  static final String INVALID_SCHEMA = "3F000";

  private PgErrors() {}

  static Throwable map(Throwable t) {
    if (t instanceof StorageException) {
      return t;
    }
    if (t instanceof PgException pg) {
      return transientState(pg.getSqlState())
          ? StorageException.unavailable("PostgreSQL: " + pg.getErrorMessage() + " (" + pg.getSqlState() + ")", t) : t;
    }
    if (t instanceof io.vertx.sqlclient.DatabaseException) {
      return t;
    }
    if (t instanceof TimeoutException || t instanceof IOException || t instanceof VertxException) {
      return StorageException.unavailable("PostgreSQL is unreachable: " + t.getMessage(), t);
    }
    return t;
  }

  static boolean isState(Throwable t, String state) {
    return t instanceof PgException pg && state.equals(pg.getSqlState());
  }

  private static boolean transientState(String state) {
    if (state == null) {
      return true;
    }
    return state.startsWith("08")          // connection exception
        || state.startsWith("53")          // insufficient resources (too many connections, disk full)
        || state.startsWith("57")          // operator intervention: shutdown, cannot connect now, statement timeout
        || state.startsWith("58")          // system error (I/O)
        || state.equals("40001")           // serialization failure
        || state.equals("40P01")           // deadlock detected
        || state.equals("25006");          // read-only transaction: a replica or a failover in progress
  }
}
