package dev.scimbus.storage.spi;

import io.vertx.core.Future;
import java.util.List;

/**
 * A provider that pages by keyset natively (see {@link StorageProvider#supportsKeyset()} for what
 * that obliges it to do). It implements {@link #queryKeyed} only; a plain {@link #query} is the
 * same query without the positions.
 */
public interface KeysetStorageProvider extends StorageProvider {

  @Override
  default boolean supportsKeyset() {
    return true;
  }

  @Override
  Future<List<KeyedResource>> queryKeyed(String tenant, String resourceType, StorageQuery query);

  @Override
  default Future<List<StoredResource>> query(String tenant, String resourceType, StorageQuery query) {
    return queryKeyed(tenant, resourceType, query).map(l -> l.stream().map(KeyedResource::resource).toList());
  }
}
