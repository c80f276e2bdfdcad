package dev.scimbus.storage.postgres;

import dev.scimbus.scim.filter.Filter;
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
import dev.scimbus.storage.spi.MembershipReads;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The PostgreSQL backend on the Vert.x reactive client. Resources live as {@code jsonb} with
 * expression indexes for the common filters; unique values in a side table whose UNIQUE
 * constraint fails a concurrent duplicate inside the write transaction; replace and delete are
 * conditional on the version in their WHERE clause; every write appends its change row in the
 * same transaction, numbered under a per-tenant lock held only by the transaction that numbers
 * (a write that finds it taken commits its row pending and {@link ChangeNumbering} numbers it
 * right after), so sequence order is commit order without a tenant's writes waiting in line.
 *
 * <p>Tenancy is a tenant column in shared tables, or a schema per tenant created and migrated on
 * the tenant's first write. Filters and sorts are translated by {@link PgFilter}. Every call is
 * bounded by the configured query timeout; connection loss, refusal and timeouts fail with
 * {@link StorageException.Kind#UNAVAILABLE} and the pool reconnects on its own once the server
 * is back. Reads ({@link #get}, {@link #query}, {@link #count}) go to the read replicas when the
 * configuration names some.
 */
public final class PostgresStorageProvider implements KeysetStorageProvider, MembershipReads {
  /** Creates in one schema after which its never-analyzed tables are analyzed. */
  static final int ANALYZE_AFTER_INSERTS = 100;
  /** How often change rows left pending by writers that died before numbering them are numbered. */
  static final long SWEEP_INTERVAL_MS = 5_000;
  /** Schema tenancy: the schemas holding scimbus tables whose name starts with $1 (the prefix). */
  private static final String TENANT_SCHEMAS = "SELECT n.nspname FROM pg_namespace n JOIN pg_class c"
      + " ON c.relnamespace = n.oid AND c.relname = 'changes' AND c.relkind = 'r' WHERE starts_with(n.nspname, $1)";
  private static final System.Logger LOG = System.getLogger(PostgresStorageProvider.class.getName());
  private final Vertx vertx;
  private final SchemaRegistry registry;
  private final PostgresConfig config;
  private final PgFilter translator;
  private final PgSql shared;
  /** Group commit of the node's creates, per tenant. */
  private final CreateBatches createBatches = new CreateBatches(new CreateBatches.Writer() {
    @Override
    public Future<Committed> one(PgSql sql, CreateBatches.Create create) {
      return createOne(sql, create);
    }

    @Override
    public Future<List<Committed>> many(PgSql sql, List<CreateBatches.Create> creates) {
      return createMany(sql, creates);
    }
  });
  /** Change rows left pending by a busy tenant's writes, numbered together. */
  private final ChangeNumbering numbering = new ChangeNumbering(this::number);
  /** Schema tenancy: tenant → its statements, once its schema is migrated (or being migrated). */
  private final Map<String, Future<PgSql>> tenantSchemas = new ConcurrentHashMap<>();
  private Pool primary;
  private Pool readers;
  private long sweepTimer = -1;

  public PostgresStorageProvider(Vertx vertx, SchemaRegistry registry, PostgresConfig config) {
    this.vertx = vertx;
    this.registry = registry;
    this.config = config;
    this.translator = new PgFilter(registry);
    this.shared = new PgSql(TenantSchemas.quote(config.schema()));
  }

  /** The provider {@code SCIMBUS_STORAGE=postgresql://…} selects. */
  public static PostgresStorageProvider fromUri(Vertx vertx, SchemaRegistry registry, String uri) {
    return new PostgresStorageProvider(vertx, registry, PostgresConfig.parse(uri));
  }

  public PostgresConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public Future<Void> start() {
    primary = pool(List.of(connectOptions(config.host(), config.port())), "primary");
    readers = config.readReplicas().isEmpty() ? primary
        : pool(config.readReplicas().stream().map(r -> connectOptions(r.host(), r.port())).toList(), "replicas");
    Future<Void> ready = config.tenancy() == PostgresConfig.Tenancy.SHARED
        ? PgMigrations.migrate(vertx, config, config.schema())
        : bounded(primary.query("SELECT 1").execute()).mapEmpty();
    return ready.onSuccess(v -> {
      sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MS, id -> sweepPending(false));
      sweepPending(true);
    }).recover(t -> stop().transform(x -> Future.failedFuture(PgErrors.map(t))));
  }

  @Override
  public Future<Void> stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
      sweepTimer = -1;
    }
    List<Future<Void>> closing = new ArrayList<>();
    if (readers != null && readers != primary) {
      closing.add(readers.close());
    }
    if (primary != null) {
      closing.add(primary.close());
    }
    primary = null;
    readers = null;
    return Future.join(closing).mapEmpty();
  }

  @Override
  public boolean canPushDown(Filter filter) {
    return translator.translatable(filter);
  }

  @Override
  public boolean canSort(AttributePath sortBy) {
    return translator.sortable(sortBy);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Future<StoredResource> get(String tenant, String resourceType, String id) {
    return readOne(tenant, id, sql -> sql.get, Tuple.of(tenant, resourceType, id), r -> resource(resourceType, id, r));
  }

  /** One round trip: the resource and, in a sub-select on the member-values index, the groups listing it. */
  @Override
  public Future<WithGroups> getWithGroups(String tenant, String resourceType, String id, String groupType) {
    return readOne(tenant, id, sql -> sql.getWithGroups, Tuple.of(tenant, resourceType, id, groupType), r -> {
      List<GroupRef> groups = new ArrayList<>();
      for (Object g : (JsonArray) r.getValue("groups")) {
        JsonArray pair = (JsonArray) g;
        groups.add(new GroupRef(pair.getString(0), pair.getValue(1)));
      }
      return new WithGroups(resource(resourceType, id, r), groups);
    });
  }

  /** The one row of a read by id, mapped; NOT_FOUND without a row (or without the tenant's schema). */
  private <T> Future<T> readOne(String tenant, String id, Function<PgSql, String> statement, Tuple args,
      Function<Row, T> mapper) {
    return read(tenant, null, sql -> readers.preparedQuery(statement.apply(sql)).execute(args)
        .map(rows -> rows.size() == 0 ? null : mapper.apply(rows.iterator().next())))
        .compose(v -> v == null ? Future.failedFuture(StorageException.notFound("Resource " + id + " not found"))
            : Future.succeededFuture(v));
  }

  // ------------------------------------------------------------------ keyset paging

  /**
   * The position is the {@code seq} column (creation order, kept by replaces), so the default
   * keyset is {@code seq > ?}, which the {@code (tenant, type, seq)} index serves; a sorted keyset
   * compares the ORDER BY expressions themselves ({@link PgFilter#keysetAfter}).
   */
  @Override
  public Future<List<KeyedResource>> queryKeyed(String tenant, String resourceType, StorageQuery query) {
    ResourceType rt = resourceType(resourceType);
    return read(tenant, List.of(), sql -> {
      SqlParams params = new SqlParams();
      params.add(tenant);
      params.add(rt.name());
      List<String> conditions = new ArrayList<>();
      if (query.filter() != null) {
        conditions.add(translator.where(rt, query.filter(), params, sql.schema));
      }
      Keyset after = query.after();
      if (after != null) {
        conditions.add(query.sortBy() == null ? "seq > " + params.add(after.position())
            : translator.keysetAfter(rt, query.sortBy(), query.descending(), after.sortValue(), after.id(), params,
                sql.schema));
      }
      String where = conditions.isEmpty() ? null : "(" + String.join(") AND (", conditions) + ")";
      String orderBy = query.sortBy() == null ? null
          : translator.orderBy(rt, query.sortBy(), query.descending(), sql.schema);
      String limit = query.limit() < 0 ? null : params.add((long) query.limit());
      String offset = query.offset() <= 0 ? null : params.add((long) query.offset());
      return readers.preparedQuery(sql.query(where, orderBy, limit, offset)).execute(params.tuple()).map(rows -> {
        List<KeyedResource> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
          out.add(new KeyedResource(resource(rt.name(), r.getString("id"), r), r.getLong("seq")));
        }
        return out;
      });
    });
  }

  // ------------------------------------------------------------------ counts and change log

  @Override
  public Future<Long> count(String tenant, String resourceType, Filter filter) {
    ResourceType rt = resourceType(resourceType);
    return read(tenant, 0L, sql -> {
      SqlParams params = new SqlParams();
      params.add(tenant);
      params.add(rt.name());
      String where = filter == null ? null : translator.where(rt, filter, params, sql.schema);
      return readers.preparedQuery(sql.count(where)).execute(params.tuple())
          .map(rows -> rows.iterator().next().getLong(0));
    });
  }

  @Override
  public Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit) {
    return read(tenant, List.of(), sql -> primary.preparedQuery(sql.changesAfter)
        .execute(Tuple.of(tenant, afterSequence, (long) Math.max(0, limit))).map(rows -> {
          List<ChangeRow> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new ChangeRow(tenant, r.getLong("seq"), instant(r, "committed_at"), r.getString("type"),
                r.getString("resource_id"), r.getString("operation"), r.getLong("version"),
                (JsonObject) r.getValue("event")));
          }
          return out;
        }));
  }

  @Override
  public Future<Long> oldestSequence(String tenant) {
    return read(tenant, 0L, sql -> primary.preparedQuery(sql.oldestSequence).execute(Tuple.of(tenant))
        .map(rows -> {
          Long min = rows.iterator().next().getLong(0);
          return min == null ? 0L : min;
        }));
  }

  // ------------------------------------------------------------------ retention

  /** Goes through {@link #read} so that a tenant without a schema is not given one just to prune nothing. */
  @Override
  public Future<Long> pruneChanges(String tenant, Instant olderThan, long maxRows) {
    return read(tenant, 0L, sql -> primary.preparedQuery(sql.pruneChanges)
        .execute(Tuple.of(tenant, utc(olderThan), Math.max(0, maxRows))).map(rows -> (long) rows.rowCount()));
  }

  @Override
  public Future<List<String>> tenantsWithChanges() {
    if (config.tenancy() == PostgresConfig.Tenancy.SHARED) {
      return bounded(tenantsIn(shared));
    }
    // Schema names of hashed tenants cannot be read back: ask each schema for its tenant, and
    // keep it only if the schema is really that tenant's (the prefix is no proof).
    return bounded(primary.preparedQuery(TENANT_SCHEMAS).execute(Tuple.of(config.schemaPrefix())).compose(schemas -> {
          List<Future<List<String>>> each = new ArrayList<>();
          for (Row r : schemas) {
            String schema = r.getString(0);
            each.add(tenantsIn(new PgSql(TenantSchemas.quote(schema))).map(tenants -> tenants.stream()
                .filter(t -> TenantSchemas.schemaName(config.schemaPrefix(), t).equals(schema)).toList()));
          }
          return Future.all(each).map(all -> {
            List<String> out = new ArrayList<>();
            each.forEach(f -> out.addAll(f.result()));
            return out;
          });
        }));
  }

  private Future<List<String>> tenantsIn(PgSql sql) {
    return primary.preparedQuery(sql.tenantsWithChanges).execute().map(rows -> {
      List<String> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(r.getString(0)));
      return out;
    });
  }

  // ------------------------------------------------------------------ writes

  /**
   * A create: from an event loop through {@link CreateBatches} (creates of one tenant that arrive
   * while one is in flight commit together), from elsewhere (tools, tests) alone.
   */
  @Override
  public Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys,
      ChangeDraft change) {
    CreateBatches.Create create = new CreateBatches.Create(tenant, resource, uniqueKeys, change);
    return write(tenant, sql -> Context.isOnEventLoopThread() ? createBatches.submit(sql, create)
        : createOne(sql, create));
  }

  /** One create in one statement; a unique violation becomes CONFLICT naming the attribute taken. */
  private Future<Committed> createOne(PgSql sql, CreateBatches.Create c) {
    StoredResource resource = c.resource();
    ChangeDraft change = c.change();
    String[] attributes = c.keys().stream().map(UniqueKey::attribute).toArray(String[]::new);
    String[] values = c.keys().stream().map(UniqueKey::value).toArray(String[]::new);
    return primary.preparedQuery(sql.create).execute(Tuple.from(List.of(c.tenant(),
            resource.resourceType(), resource.id(), resource.version(), utc(resource.created()),
            utc(resource.lastModified()), resource.data(), attributes, values, change.operation(), change.version(), change.event())))
        .recover(t -> PgErrors.isState(t, PgErrors.UNIQUE_VIOLATION)
            ? taken(sql, c.tenant(), resource.resourceType(), resource.id(), attributes, values)
            : Future.failedFuture(t))
        .compose(appended -> {
          counted(sql, 1);
          return changeRow(sql, c.tenant(), change, appended.iterator().next())
              .map(row -> new Committed(resource, row));
        });
  }

  /** Creates of one tenant in one statement ({@link PgSql#createMany}); fails as a whole. */
  private Future<List<Committed>> createMany(PgSql sql, List<CreateBatches.Create> creates) {
    int n = creates.size();
    String[] types = new String[n];
    String[] ids = new String[n];
    Long[] versions = new Long[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    OffsetDateTime[] modified = new OffsetDateTime[n];
    String[] operations = new String[n];
    Long[] changeVersions = new Long[n];
    JsonArray data = new JsonArray(new ArrayList<>(n));
    JsonArray events = new JsonArray(new ArrayList<>(n));
    List<Integer> keyRows = new ArrayList<>();
    List<String> keyAttributes = new ArrayList<>();
    List<String> keyValues = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CreateBatches.Create c = creates.get(i);
      StoredResource r = c.resource();
      types[i] = r.resourceType();
      ids[i] = r.id();
      versions[i] = r.version();
      created[i] = utc(r.created());
      modified[i] = utc(r.lastModified());
      operations[i] = c.change().operation();
      changeVersions[i] = c.change().version();
      data.add(r.data());
      events.add(c.change().event());
      for (UniqueKey k : c.keys()) {
        keyRows.add(i + 1);
        keyAttributes.add(k.attribute());
        keyValues.add(k.value());
      }
    }
    String tenant = creates.get(0).tenant();
    return primary.preparedQuery(sql.createMany).execute(Tuple.from(List.of(tenant, types, ids, versions, created,
        modified, data, keyRows.toArray(Integer[]::new), keyAttributes.toArray(String[]::new),
        keyValues.toArray(String[]::new), operations, changeVersions, events))).compose(rows -> {
          counted(sql, n);
          Map<String, Row> byId = new HashMap<>();
          rows.forEach(row -> byId.put(row.getString("o_resource"), row));
          List<Future<Committed>> out = new ArrayList<>(n);
          for (CreateBatches.Create c : creates) {
            out.add(changeRow(sql, tenant, c.change(), byId.get(c.resource().id()))
                .map(row -> new Committed(c.resource(), row)));
          }
          return Future.all(out).map(all -> out.stream().map(Future::result).toList());
        });
  }

  /** Counts creates towards the one-time statistics check. */
  private void counted(PgSql sql, int creates) {
    int before = sql.inserts.getAndAdd(creates);
    if (before < ANALYZE_AFTER_INSERTS && before + creates >= ANALYZE_AFTER_INSERTS) {
      analyzeIfNeverAnalyzed(sql);
    }
  }

  /**
   * Gives the planner statistics for tables that have none yet. Until autovacuum first analyzes
   * a new table (up to a minute after it has rows), PostgreSQL estimates every condition with
   * default selectivities, and a get by id can be planned as a scan of the tenant's whole
   * (tenant, type, …) range of another index instead of the primary key — and that generic plan
   * stays cached on the pooled connections. A fresh deployment's initial sync from an identity
   * provider runs exactly then. So once per schema and process, after the first
   * {@value #ANALYZE_AFTER_INSERTS} creates, tables never analyzed are analyzed (a few
   * milliseconds; cached plans are then re-planned). Runs in the background; a failure is logged.
   */
  private void analyzeIfNeverAnalyzed(PgSql sql) {
    Pool pool = primary;
    if (pool == null) {
      return;  // stopped meanwhile
    }
    pool.preparedQuery(sql.unanalyzedTables).execute(Tuple.of(sql.schema)).compose(rows -> {
      List<String> tables = new ArrayList<>();
      rows.forEach(r -> tables.add(sql.schema + "." + r.getString(0)));
      return tables.isEmpty() ? Future.succeededFuture(tables)
          : pool.query("ANALYZE " + String.join(", ", tables)).execute().map(tables);
    }).onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(System.Logger.Level.WARNING, "ANALYZE of new tables in " + sql.schema + " failed: " + ar.cause());
      } else if (!ar.result().isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "analyzed " + ar.result() + " (no planner statistics yet)");
      }
    });
  }

  /**
   * After a unique violation (the transaction rolled back): CONFLICT naming the unique attribute
   * another resource holds, or "id" when none does (the id was taken).
   */
  private <T> Future<T> taken(PgSql sql, String tenant, String type, String id, String[] attributes,
      String[] values) {
    Future<String> attribute = attributes.length == 0 ? Future.succeededFuture("id")
        : primary.preparedQuery(sql.takenKey).execute(Tuple.of(tenant, type, attributes, values, id))
            .map(rows -> rows.size() == 0 ? "id" : rows.iterator().next().getString(0));
    return attribute.compose(a -> Future.failedFuture(StorageException.conflict(a, a + " is taken")));
  }

  @Override
  public Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion,
      List<UniqueKey> uniqueKeys, ChangeDraft change) {
    String[] attributes = uniqueKeys.stream().map(UniqueKey::attribute).toArray(String[]::new);
    String[] values = uniqueKeys.stream().map(UniqueKey::value).toArray(String[]::new);
    return write(tenant, sql -> primary.withTransaction(conn -> conn.preparedQuery(sql.updateResource)
        .execute(Tuple.of(tenant, resource.resourceType(), resource.id(), resource.version(), utc(resource.created()),
            utc(resource.lastModified()), resource.data(), expectedVersion))
        .compose(updated -> updated.rowCount() == 0
            ? whyNot(conn, sql, tenant, resource.resourceType(), resource.id(), expectedVersion)
            : Future.succeededFuture())
        .compose(v -> firstFailure(List.of(
            conn.preparedQuery(sql.rekey).execute(Tuple.of(tenant, resource.resourceType(), resource.id(), attributes,
                values)),
            appendChange(conn, sql, tenant, change))))
        .map(last -> last.iterator().next()))
        .recover(t -> PgErrors.isState(t, PgErrors.UNIQUE_VIOLATION)
            ? taken(sql, tenant, resource.resourceType(), resource.id(), attributes, values)
            : Future.failedFuture(t))
        .compose(appended -> changeRow(sql, tenant, change, appended)).map(row -> new Committed(resource, row)));
  }

  @Override
  public Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion,
      ChangeDraft change) {
    Future<Committed> done = write(tenant, sql -> primary.withTransaction(conn -> conn.preparedQuery(sql.deleteResource)
        .execute(Tuple.of(tenant, resourceType, id, expectedVersion))
        .compose(deleted -> deleted.rowCount() == 0
            ? whyNot(conn, sql, tenant, resourceType, id, expectedVersion)
            : Future.succeededFuture())
        .compose(v -> firstFailure(List.of(
            conn.preparedQuery(sql.deleteKeys).execute(Tuple.of(tenant, resourceType, id)),
            appendChange(conn, sql, tenant, change))))
        .map(last -> last.iterator().next()))
        .compose(appended -> changeRow(sql, tenant, change, appended)).map(row -> new Committed(null, row)));
    return done;
  }

  private static Future<RowSet<Row>> appendChange(SqlConnection conn, PgSql sql, String tenant, ChangeDraft d) {
    return conn.preparedQuery(sql.appendChange).execute(Tuple.of(tenant, d.resourceType(), d.resourceId(),
        d.operation(), d.version(), d.event()));
  }

  /**
   * Waits for pipelined steps and fails with the first failure in statement order (later ones
   * only say the transaction is aborted); else the last step's rows.
   */
  private static Future<RowSet<Row>> firstFailure(List<Future<RowSet<Row>>> steps) {
    return Future.join(steps).transform(ar -> {
      for (Future<RowSet<Row>> f : steps) {
        if (f.failed()) {
          return Future.failedFuture(f.cause());
        }
      }
      return Future.succeededFuture(steps.get(steps.size() - 1).result());
    });
  }

  /** After a conditional write touched nothing: NOT_FOUND if the row is gone, else PRECONDITION. */
  private static Future<Void> whyNot(SqlConnection conn, PgSql sql, String tenant, String type, String id,
      long expected) {
    return conn.preparedQuery(sql.currentVersion).execute(Tuple.of(tenant, type, id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(StorageException.notFound("Resource " + id + " not found"));
      }
      long current = rows.iterator().next().getLong(0);
      return Future.failedFuture(StorageException.precondition("Resource " + id + " is at version " + current
          + ", not " + expected));
    });
  }

  /**
   * The change row a write appended ({@code o_id, o_seq, o_at} of {@code scimbus_append}), once
   * numbered: at once when the write held the tenant's numbering lock, else after the numbering
   * transaction that covers it (the write itself is committed either way).
   */
  private Future<ChangeRow> changeRow(PgSql sql, String tenant, ChangeDraft d, Row appended) {
    Long seq = appended.getLong("o_seq");
    Future<ChangeNumbering.Numbered> numbered = seq != null
        ? Future.succeededFuture(new ChangeNumbering.Numbered(seq, instant(appended, "o_at")))
        : numbering.numberOf(sql, tenant, appended.getLong("o_id"));
    return numbered.map(n -> new ChangeRow(tenant, n.seq(), n.committedAt(), d.resourceType(), d.resourceId(),
        d.operation(), d.version(), d.event()));
  }

  /** One numbering transaction ({@code scimbus_number}): the tenant's pending rows, and the numbers of {@code ids}. */
  private Future<Map<Long, ChangeNumbering.Numbered>> number(PgSql sql, String tenant, long[] ids) {
    Long[] boxed = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    return primary.preparedQuery(sql.number).execute(Tuple.tuple().addString(tenant).addArrayOfLong(boxed)).map(rows -> {
      Map<Long, ChangeNumbering.Numbered> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getLong("o_id"), new ChangeNumbering.Numbered(r.getLong("o_seq"), instant(r, "o_at")));
      }
      return out;
    });
  }

  /**
   * Numbers change rows left pending by writers that died between their commit and their
   * numbering (a crash, a lost connection): every tenant of the shared schema, or in schema
   * tenancy every tenant schema at start and then those this process has used. Live writers
   * never need it.
   */
  private void sweepPending(boolean allSchemas) {
    Pool pool = primary;
    if (pool == null) {
      return;
    }
    Future<List<PgSql>> schemas;
    if (config.tenancy() == PostgresConfig.Tenancy.SHARED) {
      schemas = Future.succeededFuture(List.of(shared));
    } else if (allSchemas) {
      schemas = pool.preparedQuery(TENANT_SCHEMAS).execute(Tuple.of(config.schemaPrefix()))
          .map(rows -> {
            List<PgSql> out = new ArrayList<>();
            rows.forEach(r -> out.add(new PgSql(TenantSchemas.quote(r.getString(0)))));
            return out;
          });
    } else {
      schemas = Future.succeededFuture(tenantSchemas.values().stream().filter(Future::succeeded).map(Future::result)
          .toList());
    }
    bounded(schemas.compose(all -> Future.join(all.stream().map(sql -> pool.preparedQuery(sql.pendingTenants)
        .execute().compose(rows -> {
          List<Future<Void>> each = new ArrayList<>();
          rows.forEach(r -> each.add(numbering.sweep(sql, r.getString(0))));
          return Future.join(each);
        })).toList()))).onFailure(t -> LOG.log(System.Logger.Level.WARNING,
            "numbering pending change rows failed (retried in " + SWEEP_INTERVAL_MS + " ms): " + t.getMessage()));
  }

  // ------------------------------------------------------------------ tenancy and plumbing

  /**
   * Runs a read against the tenant's tables. In schema tenancy a tenant that never wrote has no
   * schema; reads then answer {@code empty} (null: NOT_FOUND for a get) without creating one.
   */
  private <T> Future<T> read(String tenant, T empty, Function<PgSql, Future<T>> body) {
    if (config.tenancy() == PostgresConfig.Tenancy.SHARED) {
      return bounded(call(body, shared));
    }
    Future<PgSql> known = tenantSchemas.get(tenant);
    if (known != null) {
      return bounded(known.compose(sql -> call(body, sql)));
    }
    String schema = TenantSchemas.schemaName(config.schemaPrefix(), tenant);
    return bounded(primary.preparedQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1").execute(Tuple.of(schema))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(empty)
            : tenantSql(tenant).compose(sql -> call(body, sql))));
  }

  private <T> Future<T> write(String tenant, Function<PgSql, Future<T>> body) {
    if (config.tenancy() == PostgresConfig.Tenancy.SHARED) {
      return bounded(call(body, shared));
    }
    return bounded(tenantSql(tenant).compose(sql -> call(body, sql)));
  }

  /** The tenant's statements once its schema exists and is migrated; a failed attempt is retried next time. */
  private Future<PgSql> tenantSql(String tenant) {
    return tenantSchemas.computeIfAbsent(tenant, t -> {
      String schema = TenantSchemas.schemaName(config.schemaPrefix(), t);
      Future<PgSql> f = PgMigrations.migrate(vertx, config, schema).map(v -> new PgSql(TenantSchemas.quote(schema)));
      f.onFailure(x -> tenantSchemas.remove(t));
      return f;
    });
  }

  private static <T> Future<T> call(Function<PgSql, Future<T>> body, PgSql sql) {
    try {
      return body.apply(sql);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Every call ends within the query timeout, and its failure is typed. */
  private <T> Future<T> bounded(Future<T> f) {
    return f.timeout(config.queryTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(PgErrors.map(t)));
  }

  private Pool pool(List<SqlConnectOptions> targets, String name) {
    PoolOptions poolOptions = new PoolOptions().setMaxSize(config.poolSize())
        .setIdleTimeout((int) config.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setConnectionTimeout((int) config.connectTimeout().toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setName("scimbus-pg-" + name + "-" + System.identityHashCode(this));
    NetClientOptions net = new NetClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis())
        .setTcpKeepAlive(true);
    return PgBuilder.pool().with(poolOptions).with(net).connectingTo(targets).using(vertx).build();
  }

  private SqlConnectOptions connectOptions(String host, int port) {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(config.database()).setUser(config.user())
        .setPassword(config.password()).setPipeliningLimit(256).setCachePreparedStatements(true)
        // the server gives up on a statement a little after the client stops waiting for it;
        // generic plans: every statement's shape (and so its index) is fixed by the filter's
        // structure, not its values, and re-planning each execution would cost more than running
        // it (a custom plan of the User.groups lookup took 0.15 ms for a 0.01 ms query)
        .setProperties(Map.of("statement_timeout", Long.toString(config.queryTimeout().toMillis() + 1000),
            "application_name", "scimbus", "plan_cache_mode", "force_generic_plan"));
  }

  private ResourceType resourceType(String name) {
    return registry.resourceType(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown resource type " + name));
  }

  private static StoredResource resource(String type, String id, Row r) {
    return new StoredResource(type, id, r.getLong("version"), instant(r, "created"), instant(r, "last_modified"),
        (JsonObject) r.getValue("data"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** For tests and tools: the primary pool. */
  SqlClient primaryPool() {
    return primary;
  }
}
