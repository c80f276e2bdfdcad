package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.ChangeLogContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The change-log contract on PostgreSQL with shared tables (tenant column). */
class PostgresChangeLogTest extends ChangeLogContract {
  private static final PgContractDatabase DB = PgContractDatabase.shared();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
