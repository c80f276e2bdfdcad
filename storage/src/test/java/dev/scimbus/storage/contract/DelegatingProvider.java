package dev.scimbus.storage.contract;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import java.util.List;

/** Forwards every call; tests override what they want to restrict or observe. */
public class DelegatingProvider implements StorageProvider {
  protected final StorageProvider delegate;

  public DelegatingProvider(StorageProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }

  @Override
  public boolean canPushDown(Filter filter) {
    return delegate.canPushDown(filter);
  }

  @Override
  public boolean canSort(AttributePath sortBy) {
    return delegate.canSort(sortBy);
  }

  @Override
  public Future<StoredResource> get(String tenant, String resourceType, String id) {
    return delegate.get(tenant, resourceType, id);
  }

  @Override
  public Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys, ChangeDraft change) {
    return delegate.insert(tenant, resource, uniqueKeys, change);
  }

  @Override
  public Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion, List<UniqueKey> uniqueKeys,
      ChangeDraft change) {
    return delegate.replace(tenant, resource, expectedVersion, uniqueKeys, change);
  }

  @Override
  public Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion, ChangeDraft change) {
    return delegate.delete(tenant, resourceType, id, expectedVersion, change);
  }

  @Override
  public Future<List<StoredResource>> query(String tenant, String resourceType, StorageQuery query) {
    return delegate.query(tenant, resourceType, query);
  }

  @Override
  public Future<Long> count(String tenant, String resourceType, Filter filter) {
    return delegate.count(tenant, resourceType, filter);
  }

  @Override
  public Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit) {
    return delegate.changesAfter(tenant, afterSequence, limit);
  }

  @Override
  public Future<Long> oldestSequence(String tenant) {
    return delegate.oldestSequence(tenant);
  }

  @Override
  public Future<Long> pruneChanges(String tenant, java.time.Instant olderThan, long maxRows) {
    return delegate.pruneChanges(tenant, olderThan, maxRows);
  }

  @Override
  public Future<List<String>> tenantsWithChanges() {
    return delegate.tenantsWithChanges();
  }
}
