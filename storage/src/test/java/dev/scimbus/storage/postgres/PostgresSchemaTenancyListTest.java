package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ListContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The List contract on PostgreSQL with a schema per tenant. */
class PostgresSchemaTenancyListTest extends ListContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
