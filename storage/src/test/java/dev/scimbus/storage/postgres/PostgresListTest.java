package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ListContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The List contract on PostgreSQL with shared tables (tenant column). */
class PostgresListTest extends ListContract {
  private static final PgContractDatabase DB = PgContractDatabase.shared();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
