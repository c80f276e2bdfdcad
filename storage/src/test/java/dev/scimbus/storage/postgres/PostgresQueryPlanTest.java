package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The common filters use the indexes: on a few thousand analyzed rows across three tenants, the
 * plan of the exact SQL the provider runs for {@code userName eq}, {@code externalId eq},
 * {@code displayName eq}, {@code id eq} and {@code meta.lastModified gt} is an index scan (the
 * planner is left to choose; sequential scans are not disabled). The plans are printed to the
 * test output; docs/backends/postgres.md quotes them.
 */
class PostgresQueryPlanTest {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.defaults();
  private static Vertx vertx;
  private static PostgresStorageProvider provider;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    PostgresConfig db = PgTestServer.get().newDatabase();
    provider = PostgresStorageProvider.fromUri(vertx, REGISTRY, PgTestServer.uri(db, null));
    provider.start().await(60, TimeUnit.SECONDS);
    PgTestServer.get().execute(db, "INSERT INTO resources (tenant, type, id, version, created, last_modified, data)"
        + " SELECT 'tenant-' || (g % 3), CASE WHEN g % 10 = 0 THEN 'Group' ELSE 'User' END, 'id-' || g, 1, now(), now(),"
        + " jsonb_build_object('id', 'id-' || g, 'userName', 'User' || g, 'externalId', 'ext-' || g,"
        + "   'displayName', 'Person ' || g, 'active', g % 2 = 0, 'title', 'Title ' || (g % 50),"
        + "   'meta', jsonb_build_object('resourceType', 'User', 'created', '2024-01-01T00:00:00.000Z',"
        + "     'lastModified', to_char(timestamp '2024-01-01' + g * interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')))"
        + " FROM generate_series(1, 6000) g");
    PgTestServer.get().execute(db, "ANALYZE resources");
  }

  @AfterAll
  static void stop() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "userName eq \"user4711\"|resources_user_name",
      "externalId eq \"ext-4711\"|resources_external_id",
      "displayName eq \"person 4711\"|resources_display_name",
      "userName eq \"user4711\" and active eq true|resources_user_name",
      "meta.lastModified gt \"2024-01-05T00:00:00Z\"|resources_last_modified",
      "id eq \"id-4711\"|resources_pkey"})
  void commonFiltersUseAnIndex(String filter, String index) throws Exception {
    ResourceType user = REGISTRY.resourceType("User").orElseThrow();
    SqlParams params = new SqlParams();
    params.add("tenant-1");
    params.add("User");
    PgSql sql = new PgSql("\"public\"");
    String where = new PgFilter(REGISTRY).where(user, FilterParser.parse(filter), params, sql.schema);
    String query = sql.query(where, null, null, null);
    String text = explain(query, params);
    System.out.println("-- " + filter + "\n" + query + "\n" + text + "\n");
    assertThat(text).containsAnyOf("Index Scan", "Bitmap Index Scan").contains(index).doesNotContain("Seq Scan");
  }

  /** A cursor page in the default order reads the (tenant, type, seq) index from the position on. */
  @Test
  void theDefaultOrderKeysetUsesTheCreationOrderIndex() throws Exception {
    SqlParams params = new SqlParams();
    params.add("tenant-1");
    params.add("User");
    String query = new PgSql("\"public\"").query("(seq > " + params.add(3000L) + ")", null, params.add(11L), null);
    String text = explain(query, params);
    System.out.println("-- default-order keyset\n" + query + "\n" + text + "\n");
    assertThat(text).contains("Index Scan").contains("resources_order").doesNotContain("Seq Scan", "Sort");
  }

  private static String explain(String query, SqlParams params) throws Exception {
    List<String> plan = new ArrayList<>();
    for (Row r : provider.primaryPool().preparedQuery("EXPLAIN " + query).execute(params.tuple())
        .await(30, TimeUnit.SECONDS)) {
      plan.add(r.getString(0));
    }
    return String.join("\n", plan);
  }
}
