package dev.scimbus.storage.sqlite;

import static dev.scimbus.storage.sqlite.SqliteTestSupport.EXT;
import static dev.scimbus.storage.sqlite.SqliteTestSupport.await;
import static dev.scimbus.storage.sqlite.SqliteTestSupport.change;
import static dev.scimbus.storage.sqlite.SqliteTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.UniqueKeys;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter and sort push-down gives exactly the kernel evaluator's answer: every filter of the
 * table runs as SQL on a real database and is compared with {@code FilterEvaluator} over the same
 * resources (same ids, same order, same count).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteFilterTranslatorTest {
  private static final String ENTERPRISE = SchemaRegistry.ENTERPRISE_USER;

  @TempDir
  static Path dir;
  Vertx vertx;
  SqliteStorageProvider provider;
  SchemaRegistry registry = SqliteTestSupport.registry();
  ResourceType users = registry.resourceType("User").orElseThrow();
  FilterEvaluator evaluator = new FilterEvaluator(registry);
  List<StoredResource> data = new ArrayList<>();

  @BeforeAll
  void load() throws Exception {
    vertx = Vertx.vertx();
    provider = SqliteStorageProvider.fromUri(vertx, registry, "sqlite:" + dir.resolve("filters.db"));
    await(provider.start());
    add("1", new JsonObject().put("userName", "alice").put("displayName", "Alice Liddell")
        .put("name", new JsonObject().put("givenName", "Alice").put("familyName", "Liddell"))
        .put("emails", new JsonArray().add(email("alice@example.com", "work", true)).add(email("al@home.org", "home", false)))
        .put("active", true).put("title", "Engineer")
        .put("meta", meta("2024-01-01T10:00:00.000Z", "2024-03-01T10:00:00.000Z"))
        .put(ENTERPRISE, new JsonObject().put("department", "R&D").put("employeeNumber", "100")
            .put("manager", new JsonObject().put("value", "2").put("displayName", "Bob")))
        .put(EXT, new JsonObject().put("level", 3).put("score", 4.5).put("birth", "1990-05-01T00:00:00+02:00")
            .put("code", "AbC").put("tags", new JsonArray().add("red").add("Blue"))));
    add("2", new JsonObject().put("userName", "Bob").put("displayName", "Bob Builder")
        .put("name", new JsonObject().put("givenName", "Bob").put("familyName", "Builder"))
        .put("emails", new JsonArray().add(email("bob@example.com", "work", false)))
        .put("active", false).put("title", "")
        .put("meta", meta("2024-01-02T10:00:00.000Z", "2024-02-01T10:00:00.000Z"))
        .put(ENTERPRISE, new JsonObject().put("department", "Sales"))
        .put(EXT, new JsonObject().put("level", 10).put("score", 0.1).put("code", "abc").put("tags", new JsonArray())));
    add("3", new JsonObject().put("userName", "ÄRGER").put("displayName", "Änne Ärger")
        .put("name", new JsonObject().put("givenName", "Änne"))
        .put("emails", new JsonArray().add(email("änne@beispiel.de", null, null)))
        .put("meta", meta("2024-01-03T10:00:00.000Z", "2024-01-03T10:00:00.000Z"))
        .put(EXT, new JsonObject().put("level", -1).put("birth", "1985-12-31T23:00:00Z").put("tags", new JsonArray().add("RED"))));
    add("4", new JsonObject().put("userName", "dave_100%").put("nickName", "d_ve")
        .put("name", new JsonObject())
        .put("active", true)
        .put("meta", meta("2024-01-04T10:00:00.000Z", "2024-01-04T10:00:00.000Z"))
        .put(EXT, new JsonObject().put("level", 3).put("score", 4.50).put("birth", "not a date")));
    add("5", new JsonObject().put("userName", "eve").put("displayName", "eve")
        .put("emails", new JsonArray().add(new JsonObject().put("type", "work")))
        .put("meta", meta("2024-01-05T10:00:00.000Z", "2024-01-05T11:00:00.000Z"))
        .put(ENTERPRISE, new JsonObject().put("manager", new JsonObject().put("value", "1"))));
    add("6", new JsonObject().put("userName", "frank").put("title", "engineer")
        .put("name", new JsonObject().put("familyName", "O'Brien \"the\" Frank"))
        .put("emails", new JsonArray().add(email("FRANK@EXAMPLE.COM", "Work", true)))
        .put("meta", meta("2023-12-31T23:59:59.999Z", "2024-01-06T10:00:00.000Z"))
        .put(EXT, new JsonObject().put("code", "ABC").put("score", 100)));
  }

  private void add(String id, JsonObject json) throws Exception {
    json.put("schemas", new JsonArray().add(SchemaRegistry.USER));
    StoredResource r = user(id, json);
    // the unique keys ResourceService would bind: the userName fast path reads them
    await(provider.insert("t", r, new UniqueKeys(registry).of(users, json), change(r, "create")));
    // the same ids in another tenant must never show up
    StoredResource other = user(id, json.copy());
    await(provider.insert("other", other, new UniqueKeys(registry).of(users, json), change(other, "create")));
    data.add(r);
  }

  private static JsonObject email(String value, String type, Boolean primary) {
    JsonObject e = new JsonObject().put("value", value);
    if (type != null) {
      e.put("type", type);
    }
    if (primary != null) {
      e.put("primary", primary);
    }
    return e;
  }

  private static JsonObject meta(String created, String lastModified) {
    return new JsonObject().put("resourceType", "User").put("created", created).put("lastModified", lastModified);
  }

  @AfterAll
  void close() throws Exception {
    await(provider.stop());
    await(vertx.close());
  }

  static Stream<String> filters() {
    return Stream.of(
        "userName eq \"alice\"",
        "userName eq \"ALICE\"",
        "userName eq \"ärger\"",
        "userName ne \"bob\"",
        "userName co \"a\"",
        "userName co \"_1\"",
        "userName co \"%\"",
        "userName sw \"Al\"",
        "userName sw \"\"",
        "userName ew \"ER\"",
        "userName ew \"alice-but-longer\"",
        "userName gt \"c\"",
        "userName le \"bob\"",
        "displayName pr",
        "title pr",
        "not (title pr)",
        "title eq \"engineer\"",
        "title eq null",
        "title ne null",
        "nickName eq \"d_ve\"",
        "name.givenName sw \"ä\"",
        "name.familyName co \"\\\"the\\\"\"",
        "name pr",
        "name.familyName pr",
        "emails pr",
        "emails.value pr",
        "emails.type pr",
        "emails co \"EXAMPLE\"",
        "emails.value ew \".com\"",
        "emails.type eq \"work\"",
        "emails.type ne \"work\"",
        "emails[type eq \"work\" and primary eq true]",
        "emails[type eq \"work\" and not (value co \"bob\")]",
        "emails[value pr]",
        "emails[primary eq false or type eq null]",
        "emails.primary eq true",
        "active eq true",
        "active eq false",
        "active ne true",
        "meta.created gt \"2024-01-02T10:00:00Z\"",
        "meta.created ge \"2024-01-02T11:00:00+01:00\"",
        "meta.created lt \"2024-01-01T00:00:00.000Z\"",
        "meta.lastModified eq \"2024-01-03T10:00:00Z\"",
        "meta.lastModified le \"2024-01-05T11:00:00\"",
        "meta.resourceType eq \"User\"",
        "meta.resourceType eq \"user\"",
        "id eq \"3\"",
        "id ne \"3\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"r&d\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"2\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"1\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"2\"]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr",
        "department eq \"sales\"",
        EXT + ":level gt 2",
        EXT + ":level eq 3",
        EXT + ":level le -1",
        EXT + ":level ne 3",
        EXT + ":score eq 4.5",
        EXT + ":score lt 1",
        EXT + ":score ge 100",
        EXT + ":birth lt \"1990-01-01T00:00:00Z\"",
        EXT + ":birth eq \"1990-04-30T22:00:00Z\"",
        EXT + ":birth pr",
        EXT + ":code eq \"abc\"",
        EXT + ":code eq \"ABC\"",
        EXT + ":code sw \"A\"",
        EXT + ":tags eq \"red\"",
        EXT + ":tags co \"LU\"",
        EXT + ":tags pr",
        EXT + ":tags ne \"red\"",
        "userName eq \"alice\" or userName eq \"bob\"",
        "(active eq true or title pr) and not (userName sw \"a\")",
        "not (emails[type eq \"work\"])",
        "userName pr and " + EXT + ":level gt 0 and emails co \"example\"");
  }

  @ParameterizedTest
  @MethodSource("filters")
  void pushedDownFilterMatchesTheEvaluator(String text) throws Exception {
    Filter filter = FilterParser.parse(text);
    assertThat(provider.canPushDown(filter)).as("pushable: %s", text).isTrue();

    List<String> expected = data.stream().filter(r -> evaluator.matches(users, r.data(), filter))
        .map(StoredResource::id).toList();
    List<String> actual = await(provider.query("t", "User", StorageQuery.all(filter))).stream()
        .map(StoredResource::id).toList();

    assertThat(actual).as(text).isEqualTo(expected);
    assertThat(await(provider.count("t", "User", filter))).as("count of " + text).isEqualTo(expected.size());
  }

  @Test
  void theTableIsLargeAndNotTrivial() {
    assertThat(filters().count()).isGreaterThanOrEqualTo(40);
    // a table where every filter matched nothing (or everything) would prove little
    long selective = filters().map(FilterParser::parse)
        .filter(f -> {
          long n = data.stream().filter(r -> evaluator.matches(users, r.data(), f)).count();
          return n > 0 && n < data.size();
        }).count();
    assertThat(selective).isGreaterThan(50);
  }

  @ParameterizedTest
  @ValueSource(strings = {"userName", "displayName", "title", "name.givenName", "name.familyName", "active",
      "meta.created", "meta.lastModified", "id", "nickName",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
      EXT + ":level", EXT + ":score", EXT + ":birth", EXT + ":code", "emails", "emails.value"})
  void sortAndPageMatchTheKernelComparator(String sortBy) throws Exception {
    AttributePath path = AttributePath.parse(sortBy);
    for (boolean descending : new boolean[] {false, true}) {
      Comparator<JsonObject> cmp = evaluator.sortComparator(users, path, descending);
      List<String> expected = data.stream().sorted(Comparator.comparing(StoredResource::data, cmp))
          .map(StoredResource::id).toList();
      List<String> actual = await(provider.query("t", "User", new StorageQuery(null, path, descending, 0, -1)))
          .stream().map(StoredResource::id).toList();
      assertThat(actual).as("%s %s", sortBy, descending ? "descending" : "ascending").isEqualTo(expected);
      List<String> page = await(provider.query("t", "User", new StorageQuery(null, path, descending, 2, 3)))
          .stream().map(StoredResource::id).toList();
      assertThat(page).isEqualTo(expected.subList(2, 5));
    }
  }

  @Test
  void sortPushDownIsOfferedForSingleValuedAttributesOnly() {
    assertThat(provider.canSort(AttributePath.parse("userName"))).isTrue();
    assertThat(provider.canSort(AttributePath.parse("meta.lastModified"))).isTrue();
    assertThat(provider.canSort(AttributePath.parse(EXT + ":level"))).isTrue();
    assertThat(provider.canSort(AttributePath.parse("emails.value"))).isFalse();
    assertThat(provider.canSort(AttributePath.parse("name"))).isFalse();
    assertThat(provider.canSort(AttributePath.parse("noSuchAttribute"))).isFalse();
  }

  @Test
  void whatCannotBeTranslatedExactlyIsNotPushedDown() {
    // a decimal a double cannot hold, a malformed dateTime, co on a number, nested value paths
    assertThat(provider.canPushDown(FilterParser.parse(EXT + ":score eq 0.10000000000000000001"))).isFalse();
    assertThat(provider.canPushDown(FilterParser.parse("meta.created gt \"yesterday\""))).isFalse();
    assertThat(provider.canPushDown(FilterParser.parse(EXT + ":level co 1"))).isFalse();
    // ... while the rest of an AND still is
    assertThat(provider.canPushDown(FilterParser.parse("userName eq \"x\" and meta.created gt \"2024-01-01T00:00:00Z\"")))
        .isTrue();
  }

  @Test
  void valuesTravelAsBindParametersOnly() {
    SqliteFilterTranslator t = new SqliteFilterTranslator(registry);
    SqlFragment sql = t.where(users, FilterParser.parse("displayName eq \"x' OR 1=1 --\"")).orElseThrow();
    assertThat(sql.sql()).isEqualTo("ifnull(json_type(r.data, ?) = 'text' AND scim_fold(json_extract(r.data, ?)) = ?, 0)");
    assertThat(sql.params()).containsExactly("$.\"displayName\"", "$.\"displayName\"", "x' or 1=1 --");

    // eq on the unique userName is answered from the unique_keys index, still bound
    SqlFragment unique = t.where(users, FilterParser.parse("userName eq \"X' OR 1=1 --\"")).orElseThrow();
    assertThat(unique.sql()).contains("unique_keys").doesNotContain("OR 1=1");
    assertThat(unique.params()).containsExactly("username", "x' or 1=1 --");

    SqlFragment multi = t.where(users, FilterParser.parse("emails[type eq \"work\"]")).orElseThrow();
    assertThat(multi.sql()).startsWith("EXISTS (SELECT 1 FROM json_each(r.data, ?) AS e WHERE e.type = 'object' AND ")
        .doesNotContain("work");
    assertThat(multi.params()).containsExactly("$.\"emails\"", "$.\"type\"", "$.\"type\"", "work");

    SqlFragment ext = t.where(users, FilterParser.parse(EXT + ":level ge 3")).orElseThrow();
    assertThat(ext.params()).containsExactly("$.\"" + EXT + "\".\"level\"", "$.\"" + EXT + "\".\"level\"", 3L);
  }
}
