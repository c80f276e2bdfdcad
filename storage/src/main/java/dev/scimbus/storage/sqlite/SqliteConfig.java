package dev.scimbus.storage.sqlite;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the SQLite database lives and how it is accessed, parsed from a storage URI:
 * {@code sqlite:./data/scimbus.db}, {@code sqlite:/abs/path.db} or {@code sqlite:///abs/path.db},
 * with optional query parameters {@code readPoolSize} (concurrent reader connections, default 4)
 * and {@code busyTimeoutMs} (how long a statement waits for a lock before the backend reports
 * itself unavailable, default 5000). A relative path is relative to the working directory.
 */
public record SqliteConfig(Path path, int readPoolSize, long busyTimeoutMs) {
  public static final int DEFAULT_READ_POOL_SIZE = 4;
  public static final long DEFAULT_BUSY_TIMEOUT_MS = 5000;
  private static final String SCHEME = "sqlite:";

  public SqliteConfig {
    if (path == null) {
      throw new IllegalArgumentException("SQLite storage needs a database file path");
    }
    if (readPoolSize < 1 || readPoolSize > 64) {
      throw new IllegalArgumentException("readPoolSize must be between 1 and 64, got " + readPoolSize);
    }
    if (busyTimeoutMs < 0) {
      throw new IllegalArgumentException("busyTimeoutMs must not be negative, got " + busyTimeoutMs);
    }
  }

  public static SqliteConfig of(Path path) {
    return new SqliteConfig(path, DEFAULT_READ_POOL_SIZE, DEFAULT_BUSY_TIMEOUT_MS);
  }

  /** Parses a {@code sqlite:PATH[?option=value&...]} URI; throws IllegalArgumentException naming what is wrong. */
  public static SqliteConfig parse(String uri) {
    if (uri == null || !uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new IllegalArgumentException("not a SQLite storage URI: '" + uri + "'; write it like sqlite:./data/scimbus.db");
    }
    String rest = uri.substring(SCHEME.length());
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.startsWith("//")) {
      rest = rest.substring(2); // sqlite:///abs/path.db: an empty authority before an absolute path
    }
    if (rest.isBlank()) {
      throw new IllegalArgumentException("SQLite storage URI '" + uri + "' names no file; write it like sqlite:./data/scimbus.db");
    }
    int readPoolSize = DEFAULT_READ_POOL_SIZE;
    long busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS;
    if (query != null && !query.isEmpty()) {
      for (String param : query.split("&")) {
        int eq = param.indexOf('=');
        String name = eq < 0 ? param : param.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
        switch (name) {
          case "readPoolSize" -> readPoolSize = (int) number(uri, name, value);
          case "busyTimeoutMs" -> busyTimeoutMs = number(uri, name, value);
          default -> throw new IllegalArgumentException("unknown option '" + name + "' in SQLite storage URI '" + uri
              + "'; known options: readPoolSize, busyTimeoutMs");
        }
      }
    }
    return new SqliteConfig(Path.of(rest), readPoolSize, busyTimeoutMs);
  }

  private static long number(String uri, String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option '" + name + "' in SQLite storage URI '" + uri + "' must be a number, got '"
          + value + "'");
    }
  }

  /** The JDBC URL of the database file. */
  public String jdbcUrl() {
    return "jdbc:sqlite:" + path.toAbsolutePath();
  }
}
