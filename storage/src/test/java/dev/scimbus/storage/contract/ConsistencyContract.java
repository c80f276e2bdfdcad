package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.StorageQuery;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Uniqueness, optimistic concurrency, tenant isolation and the change log (DESIGN.md §3). */
public abstract class ConsistencyContract extends ContractSupport {

  /** Runs {@code n} requests from several threads at once and collects each outcome. */
  private List<Object> concurrently(int n, IntFunction<Future<StorageReply>> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        results.add(pool.submit(() -> {
          try {
            return (Object) await(request.apply(k));
          } catch (ScimError e) {
            return e;
          }
        }));
      }
      List<Object> out = new ArrayList<>();
      for (java.util.concurrent.Future<Object> f : results) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void concurrentCreatesOfOneUserNameInMixedCaseYieldExactlyOneWinner() throws Exception {
    List<Object> outcomes = concurrently(100, i -> send(Operation.CREATE, TENANT, "User", null,
        user(i % 2 == 0 ? "BJensen" : "bjensen".toUpperCase(Locale.ROOT).substring(0, i % 7) + "bjensen".substring(i % 7)),
        null, null));
    assertThat(outcomes.stream().filter(o -> o instanceof StorageReply r && r.status() == 201)).hasSize(1);
    List<ScimError> errors = outcomes.stream().filter(o -> o instanceof ScimError).map(o -> (ScimError) o).toList();
    assertThat(errors).hasSize(99).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(409);
      assertThat(e.scimType()).hasToString("uniqueness");
      assertThat(e.detail()).containsIgnoringCase("userName").contains("already taken in this tenant");
    });
    assertThat(changes(TENANT)).hasSize(1);
  }

  @Test
  void concurrentReplacesWithTheSameIfMatchYieldExactlyOneWinner() throws Exception {
    String id = createUser(TENANT, "bjensen");
    List<Object> outcomes = concurrently(50, i -> send(Operation.REPLACE, TENANT, "User", id,
        user("bjensen").put("nickName", "n" + i), "W/\"1\"", null));
    assertThat(outcomes.stream().filter(o -> o instanceof StorageReply r && r.status() == 200)).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o instanceof ScimError e && e.status() == 412)).hasSize(49);
    assertThat(get(TENANT, "User", id).etag()).isEqualTo("W/\"2\"");
    assertThat(changes(TENANT)).hasSize(2);
  }

  @Test
  void concurrentPatchesWithoutIfMatchAllLandOrReportAConflict() throws Exception {
    String id = createUser(TENANT, "bjensen");
    List<Object> outcomes = concurrently(20, i -> send(Operation.PATCH, TENANT, "User", id,
        patchBody(op("replace", "nickName", "n" + i)), null, null));
    long ok = outcomes.stream().filter(o -> o instanceof StorageReply).count();
    assertThat(outcomes).allSatisfy(o -> assertThat(o instanceof StorageReply
        || o instanceof ScimError e && e.status() == 409 && e.detail().contains("retry")).isTrue());
    assertThat(get(TENANT, "User", id).etag()).isEqualTo("W/\"" + (1 + ok) + "\"");
  }

  @Test
  void tenantsAreIsolated() {
    String id = create(TENANT, "User", user("bjensen").put("title", "Boss")).body().getString("id");
    assertError(send(Operation.GET, OTHER, "User", id, null, null, null), 404, null);
    assertError(send(Operation.REPLACE, OTHER, "User", id, user("bjensen"), null, null), 404, null);
    assertError(send(Operation.PATCH, OTHER, "User", id, patchBody(op("add", "title", "x")), null, null), 404, null);
    assertError(send(Operation.DELETE, OTHER, "User", id, null, null, null), 404, null);
    assertThat(list(OTHER, "User", query(null, null, null, null, null)).body().getLong("totalResults")).isZero();
    assertThat(ids(filter(OTHER, "User", "title eq \"Boss\""))).isEmpty();
    assertThat(ids(filter(OTHER, "User", "id eq \"" + id + "\""))).isEmpty();
    assertThat(await(provider.count(OTHER, "User", null))).isZero();
    assertThat(await(provider.query(OTHER, "User", StorageQuery.all(FilterParser.parse("userName eq \"bjensen\"")))))
        .isEmpty();
    assertThat(changes(OTHER)).isEmpty();
    // the same userName may exist in both tenants; conflicts say nothing about the other tenant
    String other = createUser(OTHER, "BJENSEN");
    assertThat(other).isNotEqualTo(id);
    assertError(send(Operation.CREATE, OTHER, "User", null, user("bjensen"), null, null), 409, "uniqueness");
    assertThat(get(TENANT, "User", id).body().getString("title")).isEqualTo("Boss");
    assertThat(changes(TENANT)).hasSize(1).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(TENANT));
    assertThat(changes(OTHER)).hasSize(1).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(OTHER));
  }

  @Test
  void everyCommittedWriteAppendsExactlyOneRowAndFailedWritesNone() {
    String id = createUser(TENANT, "bjensen");
    createUser(TENANT, "jsmith");
    replace(TENANT, "User", id, user("bjensen").put("active", false), null);
    patch(TENANT, "User", id, null, op("replace", "active", true));
    // failures: uniqueness (create and replace), 412, validation, 404
    error(send(Operation.CREATE, TENANT, "User", null, user("BJENSEN"), null, null));
    error(send(Operation.REPLACE, TENANT, "User", id, user("jsmith"), null, null));
    error(send(Operation.REPLACE, TENANT, "User", id, user("bjensen"), "W/\"1\"", null));
    error(send(Operation.CREATE, TENANT, "User", null, user("x").put("active", "maybe"), null, null));
    error(send(Operation.DELETE, TENANT, "User", "nope", null, null, null));
    delete(TENANT, "User", id, null);

    List<ChangeRow> rows = changes(TENANT);
    assertThat(rows).extracting(ChangeRow::operation).containsExactly("create", "create", "put", "patch", "delete");
    assertThat(rows).extracting(ChangeRow::resourceId).containsExactly(id, rows.get(1).resourceId(), id, id, id);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).sequence()).isGreaterThan(rows.get(i - 1).sequence());
    }
    assertThat(rows.get(2).event().getJsonObject("events").fieldNames())
        .containsExactlyInAnyOrder("urn:ietf:params:scim:event:prov:put:full", "urn:ietf:params:scim:event:prov:deactivate");
    assertThat(rows.get(3).event().getJsonObject("events").fieldNames())
        .containsExactlyInAnyOrder("urn:ietf:params:scim:event:prov:patch:full", "urn:ietf:params:scim:event:prov:activate");
    assertThat(rows.get(4).event().getJsonObject("events").fieldNames())
        .containsExactly("urn:ietf:params:scim:event:prov:delete");
    assertThat(await(provider.changesAfter(TENANT, rows.get(2).sequence(), 10))).isEqualTo(rows.subList(3, 5));
    assertThat(await(provider.changesAfter(TENANT, 0, 2))).isEqualTo(rows.subList(0, 2));
    assertThat(await(provider.oldestSequence(TENANT))).isEqualTo(rows.get(0).sequence());
  }

  @Test
  void committedChangesArePublishedOnTheBus() throws Exception {
    List<ChangeRow> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    var consumer = vertx.eventBus().<ChangeRow>consumer(dev.scimbus.storage.Addresses.CHANGES,
        m -> published.add(m.body()));
    await(consumer.completion());
    try {
      String id = createUser(TENANT, "bjensen");
      delete(TENANT, "User", id, null);
      long deadline = System.currentTimeMillis() + 5000;
      while (published.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertThat(published).isEqualTo(changes(TENANT));
    } finally {
      await(consumer.unregister());
    }
  }
}
