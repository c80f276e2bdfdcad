package dev.scimbus.storage.postgres;

import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.Vertx;

/**
 * A database for one contract test class, created on first use, handing out an empty provider per
 * test: in shared tenancy the tables are emptied first; in schema tenancy each test gets its own
 * schema prefix, so its tenants' schemas are created (and migrated) fresh.
 */
final class PgContractDatabase {
  private final boolean schemaTenancy;
  private PostgresConfig database;
  private int tests;

  private PgContractDatabase(boolean schemaTenancy) {
    this.schemaTenancy = schemaTenancy;
  }

  static PgContractDatabase shared() {
    return new PgContractDatabase(false);
  }

  static PgContractDatabase schemaPerTenant() {
    return new PgContractDatabase(true);
  }

  synchronized PostgresStorageProvider freshProvider(Vertx vertx) {
    PgTestServer server = PgTestServer.get();
    if (database == null) {
      database = server.newDatabase();
    }
    tests++;
    if (schemaTenancy) {
      return PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
          PgTestServer.uri(database, "tenancy=schema&schemaPrefix=t" + tests + "_"));
    }
    server.execute(database, "DO $$ BEGIN IF to_regclass('public.resources') IS NOT NULL THEN "
        + "TRUNCATE resources, unique_keys, tenant_seq, changes RESTART IDENTITY; END IF; END $$");
    return PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(), PgTestServer.uri(database, null));
  }
}
