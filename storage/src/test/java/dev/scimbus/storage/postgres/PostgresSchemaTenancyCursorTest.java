package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.CursorContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The cursor paging contract on PostgreSQL with a schema per tenant: keyset paging in SQL. */
class PostgresSchemaTenancyCursorTest extends CursorContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
