package dev.scimbus.storage.spi;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.path.AttributePath;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The storage SPI: what a backend must do, and nothing more. Every method is scoped by tenant and
 * no call can see or touch another tenant's data. Writes are conditional and atomic with their
 * change row; failures are {@link StorageException}s. SCIM rules (validation, PATCH, projection,
 * uniqueness normalization, the rest of a filter) live in {@code ResourceService}, not here.
 */
public interface StorageProvider {

  /** A short name for logs and metrics, e.g. {@code memory}, {@code sqlite}. */
  String name();

  /** Opens connections, runs migrations. Called once before any other method. */
  Future<Void> start();

  /** Releases everything; the provider is not used afterwards. */
  Future<Void> stop();

  /** Whether {@link #query} and {@link #count} can evaluate this filter exactly. */
  boolean canPushDown(Filter filter);

  /** Whether {@link #query} can sort by this attribute exactly as RFC 7644 §3.4.2.3 says. */
  boolean canSort(AttributePath sortBy);

  /** The resource, or a failed future with NOT_FOUND. */
  Future<StoredResource> get(String tenant, String resourceType, String id);

  /**
   * Stores a new resource (version 1) if none of {@code uniqueKeys} is taken in the tenant and
   * resource type, and appends the change row in the same atomic unit. CONFLICT otherwise.
   */
  Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys, ChangeDraft change);

  /**
   * Replaces a resource if its stored version is {@code expectedVersion} (PRECONDITION otherwise,
   * NOT_FOUND if it is gone), re-binding its unique keys (CONFLICT if taken by another resource)
   * and appending the change row atomically. {@code resource.version()} is expectedVersion + 1.
   */
  Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion, List<UniqueKey> uniqueKeys,
      ChangeDraft change);

  /** Deletes a resource at {@code expectedVersion} with its unique keys, appending the change row. */
  Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion, ChangeDraft change);

  /** Resources of a type matching {@code query.filter()} (which passed {@link #canPushDown}). */
  Future<List<StoredResource>> query(String tenant, String resourceType, StorageQuery query);

  /**
   * Whether this provider applies {@link StorageQuery#after()} itself and implements
   * {@link #queryKeyed}. Providers that do not are still cursor-paged: {@code ResourceService}
   * then loads the filtered candidates (bounded) and applies the keyset in memory.
   *
   * <p>To support it natively a provider must (1) give every resource a creation position at
   * insert, kept across replaces, and order its default listing by (position, id); (2) for a
   * sorted query, compare with exactly the rules of its ORDER BY: missing values last in both
   * orders, case-insensitive strings folded as {@code CaseFold}, ties by ascending id; in SQL,
   * {@code (key, id) > (?, ?)} ascending and {@code key < ? OR (key = ? AND id > ?)} descending;
   * (3) with {@code after} set, return only resources strictly after it, even when the resource
   * it was taken from has since been deleted.
   */
  default boolean supportsKeyset() {
    return false;
  }

  /**
   * Like {@link #query}, honouring {@link StorageQuery#after()}, with each resource's creation
   * position. Only called when {@link #supportsKeyset()} is true.
   */
  default Future<List<KeyedResource>> queryKeyed(String tenant, String resourceType, StorageQuery query) {
    return Future.failedFuture(new UnsupportedOperationException(name() + " does not support keyset queries"));
  }

  /** How many resources of a type match the (pushed-down) filter; null filter counts all. */
  Future<Long> count(String tenant, String resourceType, Filter filter);

  /** Change rows with a sequence greater than {@code afterSequence}, oldest first, at most {@code limit}. */
  Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit);

  /**
   * The oldest sequence a reader can still get from the tenant's change log, to detect a gap on
   * resume: the sequence of its oldest row; one past the last sequence ever written when
   * retention emptied the log; 0 for a tenant that never wrote.
   */
  Future<Long> oldestSequence(String tenant);

  /**
   * Change-log retention for one tenant: removes the oldest rows so that the log keeps at most
   * {@code maxRows} rows and none committed before {@code olderThan}. Rows go as a prefix in
   * sequence order (every row before the first one committed at or after {@code olderThan}, and
   * every row but the newest {@code maxRows}), so the log never has a hole; sequences keep counting
   * from where they were, even when the log ends up empty. Resources are untouched. Returns the
   * number of rows removed; a tenant without a log removes nothing and is not created.
   *
   * <p>The default keeps everything, for backends without retention.
   */
  default Future<Long> pruneChanges(String tenant, Instant olderThan, long maxRows) {
    return Future.succeededFuture(0L);
  }

  /** The tenants whose change log holds at least one row, for the retention task; order unspecified. */
  default Future<List<String>> tenantsWithChanges() {
    return Future.succeededFuture(List.of());
  }
}
