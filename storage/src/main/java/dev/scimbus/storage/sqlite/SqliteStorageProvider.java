package dev.scimbus.storage.sqlite;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.KeyedResource;
import dev.scimbus.storage.spi.Keyset;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.KeysetStorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite backend: one database file in WAL mode, with resources stored as JSON, uniqueness
 * enforced by a unique index on a side table, and the change log written in the same
 * transaction as each write. SCIM filters and sorts are pushed down as SQL over SQLite's JSON
 * functions ({@link SqliteFilterTranslator}).
 *
 * <p>Why plain JDBC on Vert.x worker threads rather than the Vert.x JDBC client: SQLite allows one
 * writer at a time, so the backend wants exactly one writer connection, used by one thread in
 * submission order, next to a few reader connections that WAL lets run concurrently with it. A
 * {@code JDBCPool} hands out interchangeable connections (we would need two pools and would still
 * not own the thread a write runs on), and every connection here must also register the
 * {@code scim_fold}/{@code scim_instant} functions of {@link SqliteFunctions}, which needs the raw
 * driver connection. So writes run on a dedicated single-thread {@link WorkerExecutor} holding the
 * writer connection (serialized: sequences without gaps, no SQLITE_BUSY between our own writers),
 * and reads on a {@code readPoolSize}-thread executor, each task borrowing one of as many reader
 * connections. No JDBC call ever runs on an event loop.
 */
public final class SqliteStorageProvider implements KeysetStorageProvider {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Vertx vertx;
  private final SchemaRegistry registry;
  private final SqliteConfig config;
  private final SqliteFilterTranslator translator;
  private final FilterEvaluator evaluator;
  private WorkerExecutor writer;
  private WorkerExecutor readers;
  private Connection writeConnection;
  private BlockingQueue<Connection> readConnections;
  private volatile boolean open;

  public SqliteStorageProvider(Vertx vertx, SchemaRegistry registry, SqliteConfig config) {
    this.vertx = vertx;
    this.registry = registry;
    this.config = config;
    this.translator = new SqliteFilterTranslator(registry);
    this.evaluator = new FilterEvaluator(registry);
  }

  /** The provider for a {@code sqlite:PATH[?readPoolSize=N&busyTimeoutMs=M]} storage URI. */
  public static SqliteStorageProvider fromUri(Vertx vertx, SchemaRegistry registry, String uri) {
    return new SqliteStorageProvider(vertx, registry, SqliteConfig.parse(uri));
  }

  public SqliteConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public Future<Void> start() {
    String id = "scimbus-sqlite-" + INSTANCES.incrementAndGet();
    writer = vertx.createSharedWorkerExecutor(id + "-writer", 1);
    readers = vertx.createSharedWorkerExecutor(id + "-reader", config.readPoolSize());
    return writer.executeBlocking(() -> {
      openDatabase();
      open = true;
      return (Void) null;
    }, true).recover(e -> {
      closeQuietly();
      return Future.failedFuture(e);
    });
  }

  private void openDatabase() throws SQLException, IOException {
    Path parent = config.path().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    SQLiteDataSource migrationSource = new SQLiteDataSource(connectionConfig(false));
    migrationSource.setUrl(config.jdbcUrl());
    SqliteMigrations.migrate(migrationSource);
    writeConnection = connect(false);
    writeConnection.setAutoCommit(false);
    readConnections = new ArrayBlockingQueue<>(config.readPoolSize());
    for (int i = 0; i < config.readPoolSize(); i++) {
      readConnections.add(connect(true));
    }
  }

  /**
   * WAL lets readers run while the writer commits; synchronous=NORMAL is durable against process
   * crashes in WAL mode (only an OS crash or power loss can drop the last commits); the busy
   * timeout bounds how long a statement waits for a lock held by another process; the writer
   * takes its lock at BEGIN so a transaction never fails half-way on an upgrade.
   */
  private SQLiteConfig connectionConfig(boolean reader) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    c.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeoutMs()));
    c.enforceForeignKeys(true);
    c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return c;
  }

  private Connection connect(boolean reader) throws SQLException {
    SQLiteDataSource ds = new SQLiteDataSource(connectionConfig(reader));
    ds.setUrl(config.jdbcUrl());
    Connection c = ds.getConnection();
    if (reader) {
      try (var st = c.createStatement()) {
        st.execute("PRAGMA query_only = true"); // a read task can never write by mistake
      }
    }
    SqliteFunctions.register(c);
    return c;
  }

  @Override
  public Future<Void> stop() {
    if (writer == null) {
      return Future.succeededFuture();
    }
    // Runs after every write already queued on the writer, so acknowledged writes are all committed.
    return writer.executeBlocking(() -> {
      open = false;
      return (Void) null;
    }, true).eventually(() -> {
      closeQuietly();
      return Future.succeededFuture();
    });
  }

  private void closeQuietly() {
    open = false;
    List<Connection> all = new ArrayList<>();
    if (readConnections != null) {
      readConnections.drainTo(all);
    }
    if (writeConnection != null) {
      all.add(writeConnection);
    }
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing is best effort; the WAL is checkpointed by whichever connection closes last
      }
    }
    if (readers != null) {
      readers.close();
    }
    if (writer != null) {
      writer.close();
    }
    writer = null; // a later stop() (e.g. after a failed start) has nothing left to do
  }

  @Override
  public boolean canPushDown(Filter filter) {
    if (filter == null) {
      return true;
    }
    for (ResourceType rt : registry.resourceTypes()) {
      if (translator.where(rt, filter).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean canSort(AttributePath sortBy) {
    boolean resolvesSomewhere = false;
    for (ResourceType rt : registry.resourceTypes()) {
      if (registry.resolve(rt, sortBy).isPresent()) {
        resolvesSomewhere = true;
        if (translator.orderBy(rt, sortBy, false).isEmpty()) {
          return false;
        }
      }
    }
    return resolvesSomewhere;
  }

  @Override
  public Future<StoredResource> get(String tenant, String resourceType, String id) {
    return read(c -> SqliteRepository.get(c, tenant, resourceType, id));
  }

  @Override
  public Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys,
      ChangeDraft change) {
    return write(() -> SqliteRepository.insert(writeConnection, tenant, resource, uniqueKeys, change));
  }

  @Override
  public Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion,
      List<UniqueKey> uniqueKeys, ChangeDraft change) {
    return write(() -> SqliteRepository.replace(writeConnection, tenant, resource, expectedVersion, uniqueKeys, change));
  }

  @Override
  public Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion,
      ChangeDraft change) {
    return write(() -> SqliteRepository.delete(writeConnection, tenant, resourceType, id, expectedVersion, change));
  }

  @Override
  public Future<List<KeyedResource>> queryKeyed(String tenant, String resourceType, StorageQuery query) {
    ResourceType rt;
    SqlFragment filtered;
    Optional<SqlFragment> orderBy;
    try {
      rt = resourceType(resourceType);
      filtered = where(rt, query.filter());
      orderBy = query.sortBy() == null ? Optional.empty() : translator.orderBy(rt, query.sortBy(), query.descending());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (query.sortBy() != null && orderBy.isEmpty()) {
      // canSort said no (e.g. a multi-valued attribute): sort, skip and page the filtered rows like the kernel does.
      return read(c -> SqliteRepository.queryKeyed(c, tenant, resourceType, filtered, null, 0, -1)).map(all -> {
        List<KeyedResource> sorted = new ArrayList<>(all);
        Comparator<JsonObject> byAttribute = evaluator.sortComparator(rt, query.sortBy(), query.descending());
        sorted.sort(Comparator.comparing(k -> k.resource().data(), byAttribute));
        Keyset after = query.after();
        if (after != null) {
          sorted.removeIf(k -> evaluator.compareToPosition(rt, query.sortBy(), query.descending(),
              k.resource().data(), (Comparable<?>) after.sortValue(), after.id()) <= 0);
        }
        int from = Math.min(Math.max(0, query.offset()), sorted.size());
        int to = query.limit() < 0 ? sorted.size() : (int) Math.min(sorted.size(), (long) from + query.limit());
        return new ArrayList<>(sorted.subList(from, to));
      });
    }
    SqlFragment where = query.after() == null ? filtered
        : SqlFragment.format("({0}) AND {1}", filtered == null ? SqlFragment.TRUE : filtered, keyset(rt, query));
    // a keyset alone walks the creation-order index; only a filter warrants driving from elsewhere
    SqlFragment order = orderBy.orElse(SqliteRepository.defaultOrder(filtered != null));
    return read(c -> SqliteRepository.queryKeyed(c, tenant, resourceType, where, order, query.offset(), query.limit()));
  }

  /**
   * The rows strictly after {@code query.after()}: by seq in the default order (unique per tenant
   * and type, see V2), else as ORDER BY sorts.
   */
  private SqlFragment keyset(ResourceType rt, StorageQuery query) {
    Keyset after = query.after();
    if (query.sortBy() == null) {
      return SqlFragment.format("r.seq > {0}", SqlFragment.param(after.position()));
    }
    return translator.keysetAfter(rt, query.sortBy(), query.descending(), after.sortValue(), after.id())
        .orElseThrow(() -> new IllegalStateException("orderBy translated but keyset did not: " + query.sortBy()));
  }

  @Override
  public Future<Long> count(String tenant, String resourceType, Filter filter) {
    SqlFragment where;
    try {
      where = where(resourceType(resourceType), filter);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return read(c -> SqliteRepository.count(c, tenant, resourceType, where));
  }

  @Override
  public Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit) {
    return read(c -> SqliteRepository.changesAfter(c, tenant, afterSequence, limit));
  }

  @Override
  public Future<Long> oldestSequence(String tenant) {
    return read(c -> SqliteChangeLog.oldestSequence(c, tenant));
  }

  @Override
  public Future<Long> pruneChanges(String tenant, Instant olderThan, long maxRows) {
    return write(() -> SqliteChangeLog.prune(writeConnection, tenant, olderThan, maxRows));
  }

  @Override
  public Future<List<String>> tenantsWithChanges() {
    return read(SqliteChangeLog::tenantsWithChanges);
  }

  private SqlFragment where(ResourceType rt, Filter filter) {
    if (filter == null) {
      return null;
    }
    return translator.where(rt, filter).orElseThrow(() -> new IllegalArgumentException(
        "filter '" + filter + "' cannot be pushed down to SQLite; ask canPushDown first"));
  }

  private ResourceType resourceType(String name) {
    return registry.resourceType(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown resource type " + name));
  }

  private interface ReadWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> Future<T> read(ReadWork<T> work) {
    if (!open) {
      return closed();
    }
    return readers.executeBlocking(() -> {
      Connection c = readConnections.take();
      try {
        return work.run(c);
      } finally {
        readConnections.add(c);
      }
    }, false).recover(SqliteStorageProvider::translate);
  }

  private <T> Future<T> write(Callable<T> work) {
    if (!open) {
      return closed();
    }
    return writer.executeBlocking(() -> {
      if (!open) {
        throw StorageException.unavailable("the SQLite storage is stopped", null);
      }
      return work.call();
    }, true).recover(SqliteStorageProvider::translate);
  }

  private static <T> Future<T> closed() {
    return Future.failedFuture(StorageException.unavailable("the SQLite storage is not started or stopped", null));
  }

  /** Lock timeouts and I/O trouble mean "retry later"; anything else is a bug and stays what it is. */
  private static <T> Future<T> translate(Throwable e) {
    if (e instanceof SQLiteException se && unavailable(se.getResultCode())) {
      return Future.failedFuture(StorageException.unavailable("SQLite: " + se.getMessage(), se));
    }
    return Future.failedFuture(e);
  }

  private static boolean unavailable(SQLiteErrorCode code) {
    String name = code.name();
    return name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED") || name.startsWith("SQLITE_IOERR")
        || name.startsWith("SQLITE_FULL") || name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_READONLY")
        || name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB") || name.startsWith("SQLITE_PROTOCOL");
  }
}
