package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A new database serves a get by id from the primary key before autovacuum ever analyzed it.
 * Without statistics PostgreSQL estimated the (tenant, type, seq) range of the creation-order
 * index as one row and planned the cached generic plan of the get as a scan of the tenant's
 * whole type there — every GET of a fresh deployment's initial sync read every user. The
 * provider analyzes never-analyzed tables after its first creates; this checks the plan the
 * pooled connections would cache, and that nothing was analyzed before the threshold.
 */
class PostgresStatisticsTest extends FreshProviderTest {
  @Test
  void aGetByIdUsesThePrimaryKeyOnceTheFirstCreatesAreIn() throws Exception {
    create(PostgresStorageProvider.ANALYZE_AFTER_INSERTS - 1, 0);
    assertThat(reltuples()).as("no statistics before the threshold").isLessThanOrEqualTo(0);
    create(400, PostgresStorageProvider.ANALYZE_AFTER_INSERTS - 1);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (reltuples() <= 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(reltuples()).as("resources analyzed").isGreaterThan(0);
    String plan = genericPlanOfGet();
    assertThat(plan).contains("resources_pkey").doesNotContain("resources_order", "Seq Scan");
  }

  private void create(int count, int from) throws Exception {
    List<Future<?>> all = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = from; i < from + count; i++) {
      String id = "user-" + i;
      JsonObject data = new JsonObject().put("id", id).put("userName", "u" + i)
          .put("meta", new JsonObject().put("lastModified", now.toString()));
      all.add(provider.insert("t1", new StoredResource("User", id, 1, now, now, data), List.of(),
          new ChangeDraft("User", id, "create", 1, new JsonObject())));
    }
    Future.all(all).await(60, TimeUnit.SECONDS);
  }

  private double reltuples() throws Exception {
    return provider.primaryPool().query("SELECT reltuples FROM pg_class WHERE oid = 'resources'::regclass").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getFloat(0);
  }

  /** EXPLAIN of the provider's get statement as a generic plan, on one connection. */
  private String genericPlanOfGet() throws Exception {
    PgSql sql = new PgSql("\"public\"");
    SqlConnection conn = ((io.vertx.sqlclient.Pool) provider.primaryPool()).getConnection().await(10, TimeUnit.SECONDS);
    try {
      conn.query("SET plan_cache_mode = force_generic_plan").execute().await(10, TimeUnit.SECONDS);
      conn.query("PREPARE g(text, text, text) AS " + sql.get).execute().await(10, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>();
      for (Row r : conn.preparedQuery("EXPLAIN EXECUTE g('t1', 'User', 'user-7')").execute(Tuple.tuple())
          .await(10, TimeUnit.SECONDS)) {
        lines.add(r.getString(0));
      }
      return String.join("\n", lines);
    } finally {
      conn.close().await(10, TimeUnit.SECONDS);
    }
  }
}
