package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.FilterContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The Filter contract on PostgreSQL with a schema per tenant. */
class PostgresSchemaTenancyFilterTest extends FilterContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
