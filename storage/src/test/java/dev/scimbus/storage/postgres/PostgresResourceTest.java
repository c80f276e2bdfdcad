package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ResourceContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The Resource contract on PostgreSQL with shared tables (tenant column). */
class PostgresResourceTest extends ResourceContract {
  private static final PgContractDatabase DB = PgContractDatabase.shared();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
