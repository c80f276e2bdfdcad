package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ConsistencyContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The Consistency contract on PostgreSQL with a schema per tenant. */
class PostgresSchemaTenancyConsistencyTest extends ConsistencyContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
