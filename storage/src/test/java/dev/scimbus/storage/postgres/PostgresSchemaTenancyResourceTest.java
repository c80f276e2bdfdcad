package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ResourceContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The Resource contract on PostgreSQL with a schema per tenant. */
class PostgresSchemaTenancyResourceTest extends ResourceContract {
  private static final PgContractDatabase DB = PgContractDatabase.schemaPerTenant();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
