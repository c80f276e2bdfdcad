package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema-per-tenant tenancy: each tenant's rows live in its own schema, created on its first
 * write only, with names that hostile tenant names can neither collide in nor escape from.
 */
class PostgresSchemaTenancyTest {
  private static Vertx vertx;
  private static PostgresConfig db;
  private static PostgresStorageProvider provider;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    db = PgTestServer.get().newDatabase();
    provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        PgTestServer.uri(db, "tenancy=schema&schemaPrefix=acme_"));
    provider.start().await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void eachTenantWritesIntoItsOwnSchemaCreatedOnFirstWrite() throws Exception {
    List<String> tenants = List.of("alpha", "Alpha", "a-b", "a_b", "x\"; DROP TABLE resources; --", "ünïcødé",
        "a".repeat(100));
    assertThat(provider.get("never-written", "User", "x").otherwise(e -> null).await(10, TimeUnit.SECONDS)).isNull();
    assertThat(provider.count("never-written", "User", null).await(10, TimeUnit.SECONDS)).isZero();
    for (String tenant : tenants) {
      insert(tenant, "same-id", "bjensen");
    }
    Set<String> schemas = schemas();
    assertThat(schemas).hasSize(tenants.size()).noneMatch(s -> s.contains("never"));
    assertThat(schemas).contains("acme_alpha");
    for (String tenant : tenants) {
      assertThat(schemas).contains(TenantSchemas.schemaName("acme_", tenant));
      assertThat(TenantSchemas.schemaName("acme_", tenant).length()).isLessThanOrEqualTo(63);
      List<StoredResource> found = provider.query(tenant, "User",
          StorageQuery.all(FilterParser.parse("userName eq \"bjensen\""))).await(10, TimeUnit.SECONDS);
      assertThat(found).singleElement().satisfies(r -> assertThat(r.data().getString("tenantMark")).isEqualTo(tenant));
      assertThat(provider.changesAfter(tenant, 0, 10).await(10, TimeUnit.SECONDS)).hasSize(1);
    }
    try (Connection c = PgTestServer.get().connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + TenantSchemas.schemaName("acme_", "a-b")
            + "\".resources WHERE tenant <> 'a-b'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void schemaNamesAreInjectiveAndPlain() {
    List<String> names = new ArrayList<>();
    for (String t : List.of("a", "A", "a_", "a__b", "a-b", "a_b", "a b", "a__3f", "x\"y", "")) {
      if (t.isEmpty()) {
        assertThatThrownBy(() -> TenantSchemas.schemaName("p_", t)).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      names.add(TenantSchemas.schemaName("p_", t));
    }
    assertThat(new HashSet<>(names)).hasSize(names.size());
    assertThat(names).allMatch(n -> n.matches("[a-z0-9_]+"));
    assertThat(TenantSchemas.schemaName("p_", "a_b")).isEqualTo("p_a_b");
  }

  private static void insert(String tenant, String id, String userName) throws Exception {
    Instant now = Instant.now();
    JsonObject data = new JsonObject().put("id", id).put("userName", userName).put("tenantMark", tenant);
    provider.insert(tenant, new StoredResource("User", id, 1, now, now, data), List.of(new UniqueKey("userName", userName)),
        new ChangeDraft("User", id, "create", 1, new JsonObject())).await(30, TimeUnit.SECONDS);
  }

  private static Set<String> schemas() throws Exception {
    Set<String> out = new HashSet<>();
    try (Connection c = PgTestServer.get().connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'acme\\_%'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
