package dev.scimbus.storage.sqlite;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteDataSource;

/**
 * Brings a database file to the schema this build knows ({@code db/sqlite/V*.sql}) with Flyway,
 * and refuses a file that a newer scimbus has migrated further: running old code on a newer
 * schema could corrupt data silently, so start fails with a message that says what to do.
 */
final class SqliteMigrations {
  static final String LOCATION = "classpath:db/sqlite";

  private SqliteMigrations() {}

  /** Applies pending migrations; returns the schema version the database is at afterwards. */
  static String migrate(SQLiteDataSource dataSource) {
    Flyway flyway = Flyway.configure(SqliteMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .load();
    refuseNewer(flyway.info());
    flyway.migrate();
    MigrationInfo current = flyway.info().current();
    return current == null ? "0" : current.getVersion().getVersion();
  }

  private static void refuseNewer(MigrationInfoService info) {
    MigrationVersion latestKnown = Arrays.stream(info.all())
        .filter(m -> m.getState().isResolved() && m.getVersion() != null)
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .orElse(MigrationVersion.EMPTY);
    Optional<MigrationVersion> applied = Optional.ofNullable(info.current()).map(MigrationInfo::getVersion);
    if (applied.isPresent() && applied.get().compareTo(latestKnown) > 0) {
      throw new IllegalStateException("database schema version " + applied.get().getVersion()
          + " is newer than this scimbus supports (" + latestKnown.getVersion() + "); upgrade scimbus");
    }
  }
}
