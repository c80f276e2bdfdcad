package dev.scimbus.storage.memory;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.contract.FilterContract;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;

class MemoryFilterTest extends FilterContract {
  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return new MemoryStorageProvider(SchemaRegistry.defaults());
  }
}
