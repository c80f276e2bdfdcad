package dev.scimbus.storage.sqlite;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh SQLite providers for the contract suite: a new database file per test under the class's temp folder. */
final class SqliteContractFiles {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private SqliteContractFiles() {}

  static StorageProvider newProvider(Vertx vertx, Path dir) {
    return SqliteStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        "sqlite:" + dir.resolve("contract-" + COUNTER.incrementAndGet() + ".db"));
  }
}
