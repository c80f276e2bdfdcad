package dev.scimbus.storage.sqlite;

import static dev.scimbus.storage.sqlite.SqliteTestSupport.await;
import static dev.scimbus.storage.sqlite.SqliteTestSupport.change;
import static dev.scimbus.storage.sqlite.SqliteTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to SQLite: the file, the migrations, restarts, and the database enforcing uniqueness. */
class SqliteProviderTest {
  @TempDir
  Path dir;
  Vertx vertx;
  SqliteStorageProvider provider;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (provider != null) {
      await(provider.stop());
    }
    await(vertx.close());
  }

  private SqliteStorageProvider open(Path file) throws Exception {
    SqliteStorageProvider p = SqliteStorageProvider.fromUri(vertx, SqliteTestSupport.registry(), "sqlite:" + file);
    await(p.start());
    return p;
  }

  @Test
  void freshFileIsCreatedWithParentFoldersAndMigrated() throws Exception {
    Path file = dir.resolve("nested/deeper/scimbus.db");
    provider = open(file);

    assertThat(file).exists();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("1");
      assertThat(rs.getBoolean(2)).isTrue();
      assertThat(st.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
      List<String> tables = new ArrayList<>();
      ResultSet t = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      while (t.next()) {
        tables.add(t.getString(1));
      }
      assertThat(tables).contains("resources", "unique_keys", "changes", "tenant_seq");
    }
  }

  @Test
  void databaseFromNewerVersionIsRefused() throws Exception {
    Path file = dir.resolve("newer.db");
    provider = open(file);
    await(provider.stop());
    provider = null;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
          + "checksum, installed_by, execution_time, success) VALUES (99, '7', 'from the future', 'SQL', "
          + "'V7__future.sql', 0, 'test', 1, 1)");
    }

    SqliteStorageProvider p = SqliteStorageProvider.fromUri(vertx, SqliteTestSupport.registry(), "sqlite:" + file);
    assertThatThrownBy(() -> await(p.start()))
        .hasMessage("database schema version 7 is newer than this scimbus supports (3); upgrade scimbus");
    assertThatThrownBy(() -> await(p.get("t", "User", "x")))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
  }

  @Test
  void dataAndChangeLogSurviveRestart() throws Exception {
    Path file = dir.resolve("restart.db");
    provider = open(file);
    StoredResource a = user("a", new JsonObject().put("userName", "alice"));
    StoredResource b = user("b", new JsonObject().put("userName", "bob"));
    await(provider.insert("t1", a, List.of(new UniqueKey("userName", "alice")), change(a, "create")));
    await(provider.insert("t1", b, List.of(new UniqueKey("userName", "bob")), change(b, "create")));
    StoredResource a2 = new StoredResource("User", "a", 2, a.created(), a.lastModified().plusSeconds(1),
        a.data().copy().put("userName", "alice2"));
    await(provider.replace("t1", a2, 1, List.of(new UniqueKey("userName", "alice2")), change(a2, "put")));
    List<ChangeRow> before = await(provider.changesAfter("t1", 0, 100));
    await(provider.stop());

    provider = open(file);

    assertThat(await(provider.get("t1", "User", "a"))).isEqualTo(a2);
    assertThat(await(provider.query("t1", "User", StorageQuery.all(null)))).extracting(StoredResource::id)
        .containsExactly("a", "b");
    assertThat(await(provider.changesAfter("t1", 0, 100))).isEqualTo(before).extracting(ChangeRow::sequence)
        .containsExactly(1L, 2L, 3L);
    // the released key is free again after the restart, the bound one is still taken
    StoredResource c = user("c", new JsonObject().put("userName", "alice"));
    await(provider.insert("t1", c, List.of(new UniqueKey("userName", "alice")), change(c, "create")));
    StoredResource d = user("d", new JsonObject().put("userName", "bob"));
    assertThatThrownBy(() -> await(provider.insert("t1", d, List.of(new UniqueKey("userName", "bob")), change(d, "create"))))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
          assertThat(e.attribute()).isEqualTo("userName");
        });
    assertThat(await(provider.changesAfter("t1", 3, 100))).extracting(ChangeRow::sequence).containsExactly(4L);
  }

  @Test
  void hundredConcurrentInsertsOfOneUserNameCommitExactlyOne() throws Exception {
    provider = open(dir.resolve("unique.db"));
    List<Future<Committed>> attempts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      StoredResource r = user("u" + i, new JsonObject().put("userName", "Same"));
      attempts.add(provider.insert("t", r, List.of(new UniqueKey("userName", "same")), change(r, "create")));
    }
    await(Future.join(attempts).transform(done -> Future.succeededFuture()));

    assertThat(attempts.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(attempts.stream().filter(Future::failed).map(Future::cause))
        .hasSize(99)
        .allSatisfy(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.CONFLICT));
    assertThat(await(provider.count("t", "User", null))).isEqualTo(1L);
    assertThat(await(provider.changesAfter("t", 0, 1000))).extracting(ChangeRow::sequence).containsExactly(1L);
  }

  @Test
  void replaceAndDeleteCheckTheVersion() throws Exception {
    provider = open(dir.resolve("versions.db"));
    StoredResource a = user("a", new JsonObject().put("userName", "alice"));
    await(provider.insert("t", a, List.of(), change(a, "create")));
    StoredResource a2 = new StoredResource("User", "a", 2, a.created(), a.lastModified(), a.data());

    assertThatThrownBy(() -> await(provider.replace("t", a2, 5, List.of(), change(a2, "put"))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PRECONDITION));
    assertThatThrownBy(() -> await(provider.delete("other-tenant", "User", "a", 1, change(a, "delete"))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    await(provider.delete("t", "User", "a", 1, change(a, "delete")));
    assertThatThrownBy(() -> await(provider.get("t", "User", "a")))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    // failed writes left no change rows: create and delete only
    assertThat(await(provider.changesAfter("t", 0, 10))).extracting(ChangeRow::operation).containsExactly("create", "delete");
    assertThat(await(provider.oldestSequence("t"))).isEqualTo(1L);
    assertThat(await(provider.oldestSequence("other-tenant"))).isZero();
  }

  @Test
  void uriOptionsAreParsed() {
    SqliteConfig c = SqliteConfig.parse("sqlite:./data/scimbus.db?readPoolSize=2&busyTimeoutMs=100");
    assertThat(c.path()).isEqualTo(Path.of("./data/scimbus.db"));
    assertThat(c.readPoolSize()).isEqualTo(2);
    assertThat(c.busyTimeoutMs()).isEqualTo(100);
    assertThat(SqliteConfig.parse("sqlite:///abs/path.db").path()).isEqualTo(Path.of("/abs/path.db"));
    assertThatThrownBy(() -> SqliteConfig.parse("sqlite:x.db?pool=3")).hasMessageContaining("unknown option 'pool'");
    assertThatThrownBy(() -> SqliteConfig.parse("sqlite:")).hasMessageContaining("names no file");
    assertThatThrownBy(() -> SqliteConfig.parse("postgresql://x")).hasMessageContaining("not a SQLite storage URI");
    assertThat(Files.exists(Path.of("./data/scimbus.db"))).as("parsing creates nothing").isFalse();
  }
}
