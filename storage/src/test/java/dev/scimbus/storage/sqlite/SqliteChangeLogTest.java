package dev.scimbus.storage.sqlite;

import dev.scimbus.storage.contract.ChangeLogContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract's change-log retention tests on a SQLite database file. */
class SqliteChangeLogTest extends ChangeLogContract {
  @TempDir
  static Path dir;

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return SqliteContractFiles.newProvider(vertx, dir);
  }
}
