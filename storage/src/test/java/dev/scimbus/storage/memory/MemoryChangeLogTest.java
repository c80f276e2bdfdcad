package dev.scimbus.storage.memory;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.contract.ChangeLogContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

class MemoryChangeLogTest extends ChangeLogContract {
  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return new MemoryStorageProvider(SchemaRegistry.defaults());
  }
}
