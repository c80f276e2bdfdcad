package dev.scimbus.storage.sqlite;

import dev.scimbus.storage.contract.CursorContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract's cursor paging tests on a SQLite database file. */
class SqliteCursorTest extends CursorContract {
  @TempDir
  static Path dir;

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return SqliteContractFiles.newProvider(vertx, dir);
  }
}
