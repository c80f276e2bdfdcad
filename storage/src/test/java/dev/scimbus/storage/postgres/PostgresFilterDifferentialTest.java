package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL translation against the kernel's in-memory evaluator on data with the edge cases the
 * contract data set lacks: numbers (integer and decimal, 1 vs 1.0), dateTimes with and without
 * offset and malformed ones, empty strings, empty arrays, objects with only empty values, JSON
 * nulls, caseExact strings, multi-valued strings. Every filter must give the same ids, every sort
 * the same order (ties by id).
 */
class PostgresFilterDifferentialTest {
  private static final String EXT = "urn:test:scimbus:Ext";
  private static final String TENANT = "diff";
  private static SchemaRegistry registry;
  private static Vertx vertx;
  private static PostgresStorageProvider provider;
  private static final List<JsonObject> DATA = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    registry = SchemaRegistry.builder().addDocument(new JsonObject()
        .put("schemas", new JsonArray().add(new JsonObject().put("id", EXT).put("name", "Ext").put("attributes",
            new JsonArray()
                .add(attr("level", "integer", false, false))
                .add(attr("score", "decimal", false, false))
                .add(attr("hired", "dateTime", false, false))
                .add(attr("code", "string", false, true))
                .add(attr("tags", "string", true, false)))))
        .put("extensions", new JsonArray().add(new JsonObject().put("resourceType", "User").put("schema", EXT))))
        .build();
    vertx = Vertx.vertx();
    PostgresConfig db = PgTestServer.get().newDatabase();
    provider = new PostgresStorageProvider(vertx, registry, PostgresConfig.parse(PgTestServer.uri(db, null), java.util.Map.of()));
    provider.start().await(60, TimeUnit.SECONDS);
    add("u01", u("alice").put("title", "").put(EXT, ext(1, "1.0", "2024-01-01T10:00:00Z", "ABC", "x", "Y")));
    add("u02", u("Bob").put("title", "Boss").put("active", true).put(EXT, ext(2, "2.5", "2024-01-01T10:00:00+02:00", "abc")));
    add("u03", u("carol").put("emails", new JsonArray()).put("active", false)
        .put(EXT, ext(-3, "-0.5", "2024-01-01T09:00:00", "abd", "")));
    add("u04", u("dave").put("emails", new JsonArray().add(new JsonObject().put("value", "").put("type", "work")))
        .put(EXT, ext(10, "10", "not a date", null)));
    add("u05", u("Eve").put("name", new JsonObject().put("givenName", "").put("familyName", "Eve"))
        .put("emails", new JsonArray().add(new JsonObject().put("value", "eve@x.org").put("primary", true)))
        .put(EXT, ext(1, "1", "2023-12-31T23:59:59.999Z", "ABC")));
    add("u06", u("frank").put("name", new JsonObject().put("givenName", "")).put("nickName", (Object) null));
    add("u07", u("Grace").put("displayName", "G").put(EXT, new JsonObject().put("tags", new JsonArray())));
    add("u08", u("heidi").put("name", new JsonObject().put("familyName", "eve")).put("title", "boss")
        .put("emails", new JsonArray().add(new JsonObject().put("value", "H@X.ORG").put("type", "home"))
            .add(new JsonObject().put("value", "heidi@y.org").put("type", "work").put("primary", false))));
    add("u09", u("ivan").put("active", true).put(EXT, ext(1000000, "0.0001", "2024-06-01T00:00:00.123456Z", "abc", "X")));
    add("u10", u("judy_%").put("title", "50% off_"));
  }

  @AfterAll
  static void stop() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "title pr", "title eq null", "title ne null", "not (title pr)", "title eq \"boss\"", "title ne \"boss\"",
      "title co \"%\"", "title sw \"50%\"", "title ew \"_\"", "userName sw \"judy_\"", "userName co \"_%\"",
      "userName gt \"c\"", "userName le \"bob\"", "userName lt \"Carol\"",
      "name pr", "name.givenName pr", "name.familyName eq \"EVE\"", "name.familyName ne \"eve\"",
      "emails pr", "emails.value pr", "emails eq \"h@x.org\"", "emails.value co \"@\"", "emails.primary eq false",
      "emails.primary eq true", "emails[type eq \"work\" and not (value pr)]", "emails[primary pr]",
      "emails[not (primary eq true)]", "emails[value ne \"eve@x.org\"]", "emails ne \"eve@x.org\"",
      "nickName pr", "nickName eq null", "active eq false", "active ne true", "active pr",
      EXT + ":level gt 1", EXT + ":level eq 1", EXT + ":level ge 1.0", EXT + ":level lt 0", EXT + ":level ne 1",
      "level le 10", EXT + ":score eq 1", EXT + ":score gt 0.5", EXT + ":score lt 0.001", "score pr",
      EXT + ":hired gt \"2024-01-01T08:30:00Z\"", EXT + ":hired eq \"2024-01-01T08:00:00Z\"",
      EXT + ":hired le \"2024-01-01T09:00:00\"", EXT + ":hired lt \"2024-01-01T00:00:00Z\"", "hired pr",
      EXT + ":hired ge \"2024-06-01T00:00:00.123456Z\"",
      EXT + ":code eq \"abc\"", EXT + ":code eq \"ABC\"", EXT + ":code gt \"ABC\"", EXT + ":code co \"b\"",
      EXT + ":tags eq \"x\"", EXT + ":tags pr", EXT + ":tags co \"\"", "tags eq \"y\"", "not (tags pr)",
      "(userName sw \"a\" or userName sw \"b\") and not (active eq true)", "noSuch eq \"x\"", "noSuch ne \"x\"",
      "noSuch pr", "noSuch eq null"})
  void sqlAgreesWithTheEvaluator(String text) throws Exception {
    Filter filter = FilterParser.parse(text);
    assertThat(provider.canPushDown(filter)).as("pushable").isTrue();
    ResourceType user = registry.resourceType("User").orElseThrow();
    FilterEvaluator evaluator = new FilterEvaluator(registry);
    List<String> expected = DATA.stream().filter(d -> evaluator.matches(user, d, filter))
        .map(d -> d.getString("id")).toList();
    List<String> actual = provider.query(TENANT, "User", StorageQuery.all(filter)).await(10, TimeUnit.SECONDS)
        .stream().map(StoredResource::id).toList();
    assertThat(actual).as(text).isEqualTo(expected);
    assertThat(provider.count(TENANT, "User", filter).await(10, TimeUnit.SECONDS)).isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"userName", "title", "name.familyName", "name.givenName", "active", "nickName",
      EXT + ":level", EXT + ":score", EXT + ":hired", EXT + ":code", "meta.created", "id"})
  void sortsAgreeWithTheEvaluator(String sortBy) throws Exception {
    AttributePath path = AttributePath.parse(sortBy);
    assertThat(provider.canSort(path)).isTrue();
    ResourceType user = registry.resourceType("User").orElseThrow();
    for (boolean descending : new boolean[] {false, true}) {
      Comparator<JsonObject> order = new FilterEvaluator(registry).sortComparator(user, path, descending);
      List<String> expected = DATA.stream().sorted(order).map(d -> d.getString("id")).toList();
      List<String> actual = provider.query(TENANT, "User", new StorageQuery(null, path, descending, 0, -1))
          .await(10, TimeUnit.SECONDS).stream().map(StoredResource::id).toList();
      assertThat(actual).as(sortBy + (descending ? " descending" : "")).isEqualTo(expected);
      List<String> page = provider.query(TENANT, "User", new StorageQuery(null, path, descending, 3, 4))
          .await(10, TimeUnit.SECONDS).stream().map(StoredResource::id).toList();
      assertThat(page).isEqualTo(expected.subList(3, 7));
    }
  }

  @Test
  void whatHasNoExactTranslationIsNotPushedDownOrSorted() {
    assertThat(provider.canPushDown(FilterParser.parse("emails[value pr and primary eq true] or title pr"))).isTrue();
    assertThat(provider.canPushDown(FilterParser.parse(EXT + ":hired gt \"yesterday\""))).isFalse();
    assertThat(provider.canSort(AttributePath.parse("emails.value"))).isFalse();
    assertThat(provider.canSort(AttributePath.parse(EXT + ":tags"))).isFalse();
  }

  private static void add(String id, JsonObject data) throws Exception {
    data.put("id", id).put("meta", new JsonObject().put("resourceType", "User")
        .put("created", "2024-01-0" + (1 + DATA.size() % 3) + "T00:00:00.000Z"));
    DATA.add(data);
    Instant now = Instant.now();
    provider.insert(TENANT, new StoredResource("User", id, 1, now, now, data.copy()), List.of(),
        new ChangeDraft("User", id, "create", 1, new JsonObject())).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject u(String userName) {
    return new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.USER)).put("userName", userName);
  }

  private static JsonObject ext(long level, String score, String hired, String code, String... tags) {
    JsonObject e = new JsonObject().put("level", level).put("score", new java.math.BigDecimal(score).doubleValue())
        .put("hired", hired);
    if (code != null) {
      e.put("code", code);
    }
    if (tags.length > 0) {
      e.put("tags", new JsonArray(List.of((Object[]) tags)));
    }
    return e;
  }

  private static JsonObject attr(String name, String type, boolean multi, boolean caseExact) {
    return new JsonObject().put("name", name).put("type", type).put("multiValued", multi).put("caseExact", caseExact)
        .put("mutability", "readWrite").put("returned", "default").put("uniqueness", "none");
  }
}
