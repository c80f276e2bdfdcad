package dev.scimbus.storage.sqlite;

import dev.scimbus.storage.contract.ConsistencyContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract's consistency tests on a SQLite database file. */
class SqliteConsistencyTest extends ConsistencyContract {
  @TempDir
  static Path dir;

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return SqliteContractFiles.newProvider(vertx, dir);
  }
}
