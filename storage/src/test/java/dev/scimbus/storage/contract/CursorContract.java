package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.ResourceService;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9865 cursor paging over every backend: walking all pages yields every resource exactly once
 * in the order index paging gives, concurrent writers never make a resource that existed
 * throughout the walk appear twice or not at all, and cursors that are garbage, altered, from
 * another query or too old are refused. Each walk also runs through a provider without native
 * keyset support, to prove the in-memory fallback of {@code ResourceService}.
 */
public abstract class CursorContract extends ContractSupport {
  private static final String[] NAMES = {"mallory", "Alice", "bob", "Zed", "carol", "alice2", "Dave", "erin",
      "frank", "Grace", "heidi", "ivan", "Judy", "ken", "Leo", "mike", "Nina", "oscar", "peggy", "Quinn", "rupert",
      "Sybil", "trent"};

  private List<String> createUsers() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      JsonObject u = user(NAMES[i]);
      if (i % 3 != 0) {
        u.put("displayName", "D" + (NAMES.length - i) % 7); // ties and missing values for the sort
      }
      ids.add(create(TENANT, "User", u).body().getString("id"));
    }
    return ids;
  }

  private static QueryParams cursorQuery(String filter, String sortBy, String sortOrder, String count, String cursor) {
    return new QueryParams(filter, sortBy, sortOrder, null, count, null, null, cursor);
  }

  /** Walks every page; fails on a page that is larger than count or a walk that does not end. */
  private List<String> walk(ResourceService s, String filter, String sortBy, String sortOrder, int count) {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; cursor != null; pages++) {
      assertThat(pages).as("walk ends").isLessThan(1000);
      StorageReply page = await(s.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
          cursorQuery(filter, sortBy, sortOrder, String.valueOf(count), cursor), BASE)));
      JsonObject body = page.body();
      assertThat(body.containsKey("startIndex")).as("no startIndex with cursor paging").isFalse();
      assertThat(body.getInteger("itemsPerPage")).isLessThanOrEqualTo(count);
      assertThat(body.getLong("totalResults")).isNotNull();
      seen.addAll(ids(page));
      cursor = body.getString("nextCursor");
      assertThat(cursor == null || !ids(page).isEmpty()).as("a next cursor follows a non-empty page").isTrue();
    }
    return seen;
  }

  private List<String> indexOrder(String filter, String sortBy, String sortOrder) {
    return ids(list(TENANT, "User", query(filter, sortBy, sortOrder, null, "1000")));
  }

  private ResourceService fallback() {
    return newService(new DelegatingProvider(provider), serviceOptions());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 23, 100})
  void walkingTheDefaultOrderGivesEveryResourceOnceInCreationOrder(int count) {
    List<String> created = createUsers();
    assertThat(walk(service, null, null, null, count)).containsExactlyElementsOf(created);
    assertThat(walk(fallback(), null, null, null, count)).containsExactlyElementsOf(created);
  }

  @ParameterizedTest
  @ValueSource(strings = {"userName|ascending", "userName|descending", "displayName|ascending",
      "displayName|descending", "meta.created|descending"})
  void walkingASortedListFollowsTheSortOrder(String sort) {
    createUsers();
    String[] s = sort.split("\\|");
    List<String> expected = indexOrder(null, s[0], s[1]);
    assertThat(expected).hasSize(NAMES.length);
    assertThat(walk(service, null, s[0], s[1], 4)).containsExactlyElementsOf(expected);
    assertThat(walk(fallback(), null, s[0], s[1], 4)).containsExactlyElementsOf(expected);
  }

  @Test
  void aFilteredWalkReturnsOnlyMatchesAndTheirTotal() {
    createUsers();
    List<String> expected = indexOrder("displayName pr", "userName", null);
    assertThat(walk(service, "displayName pr", "userName", null, 3)).containsExactlyElementsOf(expected);
    StorageReply first = list(TENANT, "User", cursorQuery("displayName pr", "userName", null, "3", ""));
    assertThat(first.body().getLong("totalResults")).isEqualTo(expected.size());
  }

  @Test
  void theLastPageHasNoNextCursor() {
    createUsers();
    StorageReply all = list(TENANT, "User", cursorQuery(null, null, null, "100", ""));
    assertThat(ids(all)).hasSize(NAMES.length);
    assertThat(all.body().containsKey("nextCursor")).isFalse();
    StorageReply empty = list(OTHER, "User", cursorQuery(null, null, null, "10", ""));
    assertThat(empty.body().getLong("totalResults")).isZero();
    assertThat(empty.body().containsKey("nextCursor")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "userName|ascending", "userName|descending"})
  void concurrentInsertsAndDeletesNeverDuplicateOrSkipResourcesThatExistedThroughout(String sort) throws Exception {
    String sortBy = sort.isEmpty() ? null : sort.split("\\|")[0];
    String sortOrder = sort.isEmpty() ? null : sort.split("\\|")[1];
    List<String> stable = new ArrayList<>();
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = createUser(TENANT, String.format("u%03d", (i * 37) % 100));
      (i % 4 == 0 ? doomed : stable).add(id);
    }
    AtomicBoolean walking = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    Thread writer = new Thread(() -> {
      try {
        for (int n = 0; walking.get() && n < 300; n++) {
          // names before and after every cursor position; some inserted ones are deleted again
          String id = createUser(TENANT, "w" + (n % 2 == 0 ? "a" : "z") + n);
          if (n % 3 == 0) {
            delete(TENANT, "User", id, null);
          }
          if (n < doomed.size() && deleted.add(doomed.get(n))) {
            delete(TENANT, "User", doomed.get(n), null);
          }
          written.incrementAndGet();
          Thread.sleep(1);
        }
      } catch (Throwable t) {
        writerFailure.set(t);
      }
    });
    writer.start();
    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    try {
      while (cursor != null) {
        StorageReply page = list(TENANT, "User", cursorQuery(null, sortBy, sortOrder, "3", cursor));
        List<String> ids = ids(page);
        seen.addAll(ids);
        // delete the resource the cursor points at: the next page must still start right after it
        if (!ids.isEmpty() && stable.indexOf(ids.get(ids.size() - 1)) < 0 && pages % 2 == 0) {
          String last = ids.get(ids.size() - 1);
          if (doomed.contains(last) && deleted.add(last)) {
            delete(TENANT, "User", last, null);
          }
        }
        cursor = page.body().getString("nextCursor");
        pages++;
        Thread.sleep(1);
      }
    } finally {
      walking.set(false);
      writer.join(30_000);
    }
    assertThat(writerFailure.get()).isNull();
    assertThat(written.get()).as("writers ran during the walk").isPositive();
    assertThat(new HashSet<>(seen)).as("no resource appears twice").hasSize(seen.size());
    assertThat(seen).as("every resource that existed throughout appears").containsAll(stable);
    if (sortBy == null) {
      assertThat(seen.stream().filter(stable::contains).toList()).as("in creation order")
          .containsExactlyElementsOf(stable);
    }
  }

  @Test
  void garbageTamperedAndForeignCursorsAreInvalid() {
    createUsers();
    String next = list(TENANT, "User", cursorQuery(null, "userName", null, "2", "")).body().getString("nextCursor");
    assertThat(next).isNotBlank();
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, cursorQuery(null, "userName", null, "2", "garbage")),
        400, "invalidCursor");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, "userName", null, "2", "!!.??")), 400, "invalidCursor");
    char flipped = next.charAt(5) == 'A' ? 'B' : 'A';
    String tampered = next.substring(0, 5) + flipped + next.substring(6);
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, cursorQuery(null, "userName", null, "2", tampered)),
        400, "invalidCursor");
    // the same cursor with another sort order, filter, projection or tenant continues no query of its own
    assertError(send(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, "userName", "descending", "2", next)), 400, "invalidCursor");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery("userName pr", "userName", null, "2", next)), 400, "invalidCursor");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null,
        new QueryParams(null, "userName", null, null, "2", "userName", null, next)), 400, "invalidCursor");
    assertError(send(Operation.LIST, OTHER, "User", null, null, null, cursorQuery(null, "userName", null, "2", next)),
        400, "invalidCursor");
    // a different count is the same query: the client may change its page size
    assertThat(ids(list(TENANT, "User", cursorQuery(null, "userName", null, "5", next)))).hasSize(5);
  }

  @Test
  void aCursorFromAnotherServerKeyIsInvalid() {
    createUsers();
    String next = list(TENANT, "User", cursorQuery(null, null, null, "2", "")).body().getString("nextCursor");
    ResourceService other = newService(provider, serviceOptions().withCursors(null, "another-secret"));
    assertError(other.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", next), BASE)), 400, "invalidCursor");
    // nodes sharing a secret accept each other's cursors
    ResourceService a = newService(provider, serviceOptions().withCursors(null, "cluster-secret"));
    ResourceService b = newService(provider, serviceOptions().withCursors(null, "cluster-secret"));
    String shared = await(a.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", ""), BASE))).body().getString("nextCursor");
    assertThat(ids(await(b.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", shared), BASE))))).hasSize(2);
  }

  @Test
  void anExpiredCursorIsRefused() {
    createUsers();
    MutableClock clock = new MutableClock();
    ResourceService timed = new ResourceService(vertx, registry, provider,
        serviceOptions().withCursors(java.time.Duration.ofSeconds(60), null), clock,
        dev.scimbus.storage.PasswordHasher.sha256(vertx));
    String next = await(timed.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", ""), BASE))).body().getString("nextCursor");
    clock.now = clock.now.plusSeconds(59);
    assertThat(ids(await(timed.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", next), BASE))))).hasSize(2);
    clock.now = clock.now.plusSeconds(2);
    assertError(timed.handle(new StorageRequest(Operation.LIST, TENANT, "User", null, null, null,
        cursorQuery(null, null, null, "2", next), BASE)), 400, "expiredCursor");
  }

  @Test
  void startIndexWithCursorIsInvalid() {
    createUsers();
    assertError(send(Operation.LIST, TENANT, "User", null, null, null,
        new QueryParams(null, null, null, "1", "2", null, null, "")), 400, "invalidValue");
  }

  @Test
  void aSearchRequestPagesWithACursorToo() {
    List<String> created = createUsers();
    List<String> seen = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      JsonObject search = new JsonObject().put("schemas",
          new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest")).put("count", 7)
          .put("cursor", cursor);
      StorageReply page = await(send(Operation.SEARCH, TENANT, "User", null, search, null, null));
      seen.addAll(ids(page));
      cursor = page.body().getString("nextCursor");
    }
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(new LinkedHashSet<>(seen)).hasSize(created.size());
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    volatile Instant now = EPOCH;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

}
