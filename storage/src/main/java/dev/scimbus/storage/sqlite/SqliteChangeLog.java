package dev.scimbus.storage.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Change-log retention on SQLite. {@code committed_at} is ISO-8601 text of varying fraction
 * length, which does not sort as text, so age is compared through {@code julianday()}; the scan
 * walks the primary key in sequence order and stops at the first row young enough, so its cost is
 * the number of rows that go, not the size of the log.
 */
final class SqliteChangeLog {
  private SqliteChangeLog() {}

  /** Deletes the too-old or surplus prefix of the tenant's log in one transaction (writer connection). */
  static long prune(Connection c, String tenant, Instant olderThan, long maxRows) throws SQLException {
    long cut = Math.max(firstYoungEnough(c, tenant, olderThan), lastSequence(c, tenant) - Math.max(0, maxRows) + 1);
    boolean done = false;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM changes WHERE tenant = ? AND seq < ?")) {
      ps.setString(1, tenant);
      ps.setLong(2, cut);
      long removed = ps.executeUpdate();
      c.commit();
      done = true;
      return removed;
    } finally {
      if (!done) {
        c.rollback();
      }
    }
  }

  /** Tenants with at least one change row: every one of them has a counter row. */
  static List<String> tenantsWithChanges(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT tenant FROM tenant_seq t "
        + "WHERE EXISTS (SELECT 1 FROM changes c WHERE c.tenant = t.tenant)");
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The oldest readable sequence: min(seq); last + 1 once retention emptied the log; 0 if never written. */
  static long oldestSequence(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce((SELECT min(seq) FROM changes WHERE tenant = ?), "
        + "(SELECT last_seq + 1 FROM tenant_seq WHERE tenant = ?), 0)")) {
      ps.setString(1, tenant);
      ps.setString(2, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // The first sequence committed at or after olderThan; past the end when every row is older.
  private static long firstYoungEnough(Connection c, String tenant, Instant olderThan) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM changes WHERE tenant = ? "
        + "AND julianday(committed_at) >= julianday(?) ORDER BY seq LIMIT 1")) {
      ps.setString(1, tenant);
      ps.setString(2, olderThan.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : lastSequence(c, tenant) + 1;
      }
    }
  }

  private static long lastSequence(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM changes WHERE tenant = ?")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
