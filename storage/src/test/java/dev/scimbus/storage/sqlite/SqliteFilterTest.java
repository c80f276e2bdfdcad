package dev.scimbus.storage.sqlite;

import dev.scimbus.storage.contract.FilterContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract's filter tests on a SQLite database file. */
class SqliteFilterTest extends FilterContract {
  @TempDir
  static Path dir;

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return SqliteContractFiles.newProvider(vertx, dir);
  }
}
