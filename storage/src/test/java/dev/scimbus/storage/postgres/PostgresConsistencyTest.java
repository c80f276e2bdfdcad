package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ConsistencyContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The Consistency contract on PostgreSQL with shared tables (tenant column). */
class PostgresConsistencyTest extends ConsistencyContract {
  private static final PgContractDatabase DB = PgContractDatabase.shared();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
