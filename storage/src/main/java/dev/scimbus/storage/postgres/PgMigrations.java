package dev.scimbus.storage.postgres;

import dev.scimbus.storage.spi.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned scripts of {@code db/postgres} to one schema with Flyway over JDBC, on a
 * worker thread (JDBC blocks). Flyway's own lock makes concurrent runs on several nodes safe, and
 * an up-to-date schema costs one query of its history table.
 */
final class PgMigrations {
  static final String LOCATION = "classpath:db/postgres";

  private PgMigrations() {}

  /** Migrates {@code schema} (creating it if missing) and completes when it is current. */
  static Future<Void> migrate(Vertx vertx, PostgresConfig config, String schema) {
    return vertx.<Void>executeBlocking(() -> {
      Flyway.configure(PgMigrations.class.getClassLoader())
          .dataSource(config.jdbcUrl(), config.user(), config.password())
          .locations(LOCATION)
          .schemas(schema)
          .createSchemas(true)
          // A schema that already holds other tables (an existing application database) is
          // fine: scimbus's tables are its own, and V1 then runs on top of them.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .connectRetries(0)
          .load()
          .migrate();
      return null;
    }, false).recover(t -> Future.failedFuture(StorageException.unavailable(
        "PostgreSQL migrations of schema " + schema + " failed: " + rootMessage(t), t)));
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }
}
