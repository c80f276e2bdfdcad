package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ChangeLogContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The change-log contract on PostgreSQL with a schema per tenant. */
class PostgresSchemaTenancyChangeLogTest extends ChangeLogContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
