package dev.scimbus.storage.postgres;

import dev.scimbus.storage.contract.CursorContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

/** The cursor paging contract on PostgreSQL with shared tables: keyset paging in SQL. */
class PostgresCursorTest extends CursorContract {
  private static final PgContractDatabase DB = PgContractDatabase.shared();

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return DB.freshProvider(vertx);
  }
}
