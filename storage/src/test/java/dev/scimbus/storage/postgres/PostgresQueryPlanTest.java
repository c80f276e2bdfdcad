package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
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
 * planner is left to choose; sequential scans are not disabled). Each is the generic plan the
 * provider's connections cache and run (plan_cache_mode = force_generic_plan, values as $n).
 * The plans are printed to the
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
        + "   'members', CASE WHEN g % 10 = 0 THEN jsonb_build_array(jsonb_build_object('value', 'id-' || (g + 1)),"
        + "     jsonb_build_object('value', 'id-' || (g + 2))) END,"
        + "   'meta', jsonb_build_object('resourceType', 'User', 'created', '2024-01-01T00:00:00.000Z',"
        + "     'lastModified', to_char(timestamp '2024-01-01' + g * interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')))"
        + " FROM generate_series(1, 6000) g");
    // jsonb_build_object keeps a NULL members as JSON null: users have no members at all
    PgTestServer.get().execute(db, "UPDATE resources SET data = data - 'members' WHERE type = 'User'");
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

  /**
   * User.groups: which groups list a member, asked on every GET of a user (members.value is not
   * caseExact, so this is the lower-cased member-values index of V2, not the containment one).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "members.value eq \"id-4712\"",
      "members.value eq \"ID-4712\" or members.value eq \"id-4723\""})
  void groupsOfAMemberUseTheMemberValuesIndex(String filter) throws Exception {
    ResourceType group = REGISTRY.resourceType("Group").orElseThrow();
    SqlParams params = new SqlParams();
    params.add("tenant-1");
    params.add("Group");
    PgSql sql = new PgSql("\"public\"");
    String query = sql.query(new PgFilter(REGISTRY).where(group, FilterParser.parse(filter), params, sql.schema),
        null, params.add(101L), null);
    String text = explain(query, params);
    System.out.println("-- " + filter + "\n" + query + "\n" + text + "\n");
    assertThat(text).contains("Bitmap Index Scan on resources_member_values").doesNotContain("Seq Scan");
  }

  /** A GET of a user: the user by primary key and its groups on the member-values index, in one statement. */
  @Test
  void aUserWithItsGroupsIsTwoIndexLookups() throws Exception {
    SqlParams params = new SqlParams();
    params.add("tenant-1");
    params.add("User");
    params.add("id-4711");
    params.add("Group");
    String query = new PgSql("\"public\"").getWithGroups;
    String text = explain(query, params);
    System.out.println("-- GET of a user with its groups\n" + query + "\n" + text + "\n");
    assertThat(text).contains("Index Scan using resources_pkey").contains("Bitmap Index Scan on resources_member_values")
        .doesNotContain("Seq Scan");
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

  /**
   * The plan the pooled connections run: the statement prepared by name and explained with its
   * values, on a connection of the provider (generic plans, as configured there).
   */
  private static String explain(String query, SqlParams params) throws Exception {
    SqlConnection conn = ((Pool) provider.primaryPool()).getConnection().await(10, TimeUnit.SECONDS);
    try {
      conn.query("PREPARE plan_check AS " + query).execute().await(10, TimeUnit.SECONDS);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < params.tuple().size(); i++) {
        Object v = params.tuple().getValue(i);
        values.add(v instanceof String t ? "'" + t.replace("'", "''") + "'"
            : v instanceof OffsetDateTime t ? "'" + t + "'::timestamptz" : String.valueOf(v));
      }
      List<String> plan = new ArrayList<>();
      for (Row r : conn.query("EXPLAIN EXECUTE plan_check(" + String.join(", ", values) + ")").execute()
          .await(30, TimeUnit.SECONDS)) {
        plan.add(r.getString(0));
      }
      return String.join("\n", plan);
    } finally {
      conn.query("DEALLOCATE ALL").execute().await(10, TimeUnit.SECONDS);
      conn.close().await(10, TimeUnit.SECONDS);
    }
  }
}
