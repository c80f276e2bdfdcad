package dev.scimbus.storage.sqlite;

import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.KeyedResource;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Every SQL statement of the SQLite backend, run synchronously on a connection the caller owns:
 * the writer connection for the transactional writes, a reader connection for the rest. Writes
 * are one transaction each: the resource row, its unique keys and its change row commit together
 * or not at all. Timestamps are stored as {@link Instant#toString()} so they read back equal.
 */
final class SqliteRepository {
  private static final String COLUMNS = "r.type, r.id, r.version, r.created, r.last_modified, r.data";

  private SqliteRepository() {}

  static StoredResource get(Connection c, String tenant, String type, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM resources r WHERE r.tenant = ? AND r.type = ? AND r.id = ?")) {
      bind(ps, tenant, type, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw StorageException.notFound("Resource " + id + " not found");
        }
        return resource(rs);
      }
    }
  }

  static Committed insert(Connection c, String tenant, StoredResource r, List<UniqueKey> keys, ChangeDraft change)
      throws SQLException {
    return inTransaction(c, () -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO resources "
          + "(tenant, type, id, version, created, last_modified, seq, data) VALUES (?, ?, ?, ?, ?, ?, "
          + "coalesce((SELECT max(seq) FROM resources WHERE tenant = ? AND type = ?), 0) + 1, ?)")) {
        bind(ps, tenant, r.resourceType(), r.id(), r.version(), text(r.created()), text(r.lastModified()),
            tenant, r.resourceType(), r.data().encode());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (uniqueViolation(e)) {
          throw StorageException.conflict("id", "id " + r.id() + " is taken");
        }
        throw e;
      }
      bindKeys(c, tenant, r.resourceType(), r.id(), keys);
      return new Committed(r, appendChange(c, tenant, change));
    });
  }

  static Committed replace(Connection c, String tenant, StoredResource r, long expectedVersion, List<UniqueKey> keys,
      ChangeDraft change) throws SQLException {
    return inTransaction(c, () -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE resources SET version = ?, created = ?, "
          + "last_modified = ?, data = ? WHERE tenant = ? AND type = ? AND id = ? AND version = ?")) {
        bind(ps, r.version(), text(r.created()), text(r.lastModified()), r.data().encode(), tenant,
            r.resourceType(), r.id(), expectedVersion);
        if (ps.executeUpdate() == 0) {
          throw versionMismatch(c, tenant, r.resourceType(), r.id(), expectedVersion);
        }
      }
      unbindKeys(c, tenant, r.resourceType(), r.id());
      bindKeys(c, tenant, r.resourceType(), r.id(), keys);
      return new Committed(r, appendChange(c, tenant, change));
    });
  }

  static Committed delete(Connection c, String tenant, String type, String id, long expectedVersion, ChangeDraft change)
      throws SQLException {
    return inTransaction(c, () -> {
      unbindKeys(c, tenant, type, id);
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM resources WHERE tenant = ? AND type = ? AND id = ? AND version = ?")) {
        bind(ps, tenant, type, id, expectedVersion);
        if (ps.executeUpdate() == 0) {
          throw versionMismatch(c, tenant, type, id, expectedVersion);
        }
      }
      return new Committed(null, appendChange(c, tenant, change));
    });
  }

  /** Resources of a type matching {@code where}, in {@code orderBy} order (insertion order when null). */
  static List<StoredResource> query(Connection c, String tenant, String type, SqlFragment where, SqlFragment orderBy,
      int offset, int limit) throws SQLException {
    return queryKeyed(c, tenant, type, where, orderBy, offset, limit).stream().map(KeyedResource::resource).toList();
  }

  /** Like {@link #query}, with each row's {@code seq}: its creation position for keyset paging. */
  static List<KeyedResource> queryKeyed(Connection c, String tenant, String type, SqlFragment where,
      SqlFragment orderBy, int offset, int limit) throws SQLException {
    SqlFragment sql = SqlFragment.format("SELECT " + COLUMNS + ", r.seq FROM resources r WHERE r.tenant = {0}"
        + " AND r.type = {1} AND {2} ORDER BY {3} LIMIT {4} OFFSET {5}", SqlFragment.param(tenant),
        SqlFragment.param(type), where == null ? SqlFragment.TRUE : where,
        orderBy == null ? defaultOrder(where != null) : orderBy,
        SqlFragment.param(limit < 0 ? -1 : limit), SqlFragment.param(Math.max(0, offset)));
    try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
      bind(ps, sql.params());
      List<KeyedResource> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new KeyedResource(resource(rs), rs.getLong(7)));
        }
      }
      return out;
    }
  }

  /**
   * Creation order. seq is unique per tenant and type (V2), so without a filter the rows stream
   * from its index (a second key would sort every row before OFFSET). With a filter, {@code +}
   * keeps the planner from walking that index and testing each row: it drives the query from
   * the filter's own index (e.g. the unique-key look-up of {@code userName eq}) and sorts the few
   * matches.
   */
  static SqlFragment defaultOrder(boolean filtered) {
    return SqlFragment.of(filtered ? "+r.seq" : "r.seq");
  }

  static long count(Connection c, String tenant, String type, SqlFragment where) throws SQLException {
    SqlFragment sql = SqlFragment.format("SELECT count(*) FROM resources r WHERE r.tenant = {0} AND r.type = {1} AND {2}",
        SqlFragment.param(tenant), SqlFragment.param(type), where == null ? SqlFragment.TRUE : where);
    try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
      bind(ps, sql.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static List<ChangeRow> changesAfter(Connection c, String tenant, long after, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, committed_at, type, resource_id, operation, version, "
        + "event FROM changes WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?")) {
      bind(ps, tenant, after, limit);
      List<ChangeRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ChangeRow(tenant, rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getLong(6), new JsonObject(rs.getString(7))));
        }
      }
      return out;
    }
  }

  /** A failed conditional write: tell a missing resource from a stale version, in the same transaction. */
  private static StorageException versionMismatch(Connection c, String tenant, String type, String id, long expected)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT version FROM resources WHERE tenant = ? AND type = ? AND id = ?")) {
      bind(ps, tenant, type, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return StorageException.notFound("Resource " + id + " not found");
        }
        return StorageException.precondition("Resource " + id + " is at version " + rs.getLong(1) + ", not " + expected);
      }
    }
  }

  private static void bindKeys(Connection c, String tenant, String type, String id, List<UniqueKey> keys)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO unique_keys (tenant, type, attribute, value, resource_id) VALUES (?, ?, ?, ?, ?)")) {
      for (UniqueKey k : keys) {
        // one statement per key, so a violation names the attribute that is taken
        bind(ps, tenant, type, k.attribute().toLowerCase(Locale.ROOT), k.value(), id);
        try {
          ps.executeUpdate();
        } catch (SQLException e) {
          if (uniqueViolation(e)) {
            throw StorageException.conflict(k.attribute(), k.attribute() + " '" + k.value() + "' is taken");
          }
          throw e;
        }
      }
    }
  }

  private static void unbindKeys(Connection c, String tenant, String type, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM unique_keys WHERE tenant = ? AND type = ? AND resource_id = ?")) {
      bind(ps, tenant, type, id);
      ps.executeUpdate();
    }
  }

  /** Takes the tenant's next sequence and appends the change row; writes are serialized, so there are no gaps. */
  private static ChangeRow appendChange(Connection c, String tenant, ChangeDraft d) throws SQLException {
    long seq;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_seq (tenant, last_seq) VALUES (?, 1) "
        + "ON CONFLICT (tenant) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq")) {
      bind(ps, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    ChangeRow row = new ChangeRow(tenant, seq, Instant.now(), d.resourceType(), d.resourceId(), d.operation(),
        d.version(), d.event());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO changes (tenant, seq, committed_at, type, resource_id, "
        + "operation, version, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, tenant, seq, text(row.committedAt()), d.resourceType(), d.resourceId(), d.operation(),
          d.version(), d.event() == null ? "{}" : d.event().encode());
      ps.executeUpdate();
    }
    return row;
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction on the writer connection (autocommit off, BEGIN IMMEDIATE). */
  private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    boolean done = false;
    try {
      T result = work.run();
      c.commit();
      done = true;
      return result;
    } finally {
      if (!done) {
        c.rollback();
      }
    }
  }

  private static StoredResource resource(ResultSet rs) throws SQLException {
    return new StoredResource(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs.getString(4)),
        instant(rs.getString(5)), new JsonObject(rs.getString(6)));
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    bind(ps, java.util.Arrays.asList(params));
  }

  static void bind(PreparedStatement ps, List<?> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

  static boolean uniqueViolation(SQLException e) {
    return e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
        || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }
}
