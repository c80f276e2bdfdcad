package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** CRUD, If-Match, passwords, group membership and error conditions, through the service. */
public abstract class ResourceContract extends ContractSupport {

  @Test
  void createAssignsIdMetaEtagAndLocation() {
    StorageReply r = create(TENANT, "User", user("bjensen").put("displayName", "Babs"));
    JsonObject body = r.body();
    String id = body.getString("id");
    assertThat(r.status()).isEqualTo(201);
    assertThat(id).isNotBlank();
    assertThat(r.etag()).isEqualTo("W/\"1\"");
    assertThat(r.location()).isEqualTo(BASE + "/Users/" + id);
    JsonObject meta = body.getJsonObject("meta");
    assertThat(meta.getString("resourceType")).isEqualTo("User");
    assertThat(meta.getString("version")).isEqualTo("W/\"1\"");
    assertThat(meta.getString("location")).isEqualTo(BASE + "/Users/" + id);
    assertThat(meta.getString("created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
        .isEqualTo(meta.getString("lastModified"));
    assertThat(await(provider.get(TENANT, "User", id)).data().getJsonObject("meta").containsKey("location")).isFalse();
  }

  /** The filters identity providers match on follow every write (the memory backend indexes them). */
  @Test
  void equalityFiltersOnExternalIdAndDisplayNameFollowWrites() {
    String id = create(TENANT, "User", user("bjensen").put("externalId", "Ext-1").put("displayName", "Babs"))
        .body().getString("id");
    createUser(TENANT, "other");
    assertThat(total(filter(TENANT, "User", "externalId eq \"Ext-1\""))).isEqualTo(1);
    assertThat(total(filter(TENANT, "User", "externalId eq \"ext-1\""))).as("externalId is caseExact").isZero();
    assertThat(total(filter(TENANT, "User", "displayName eq \"BABS\""))).isEqualTo(1);
    replace(TENANT, "User", id, user("bjensen").put("externalId", "Ext-2").put("displayName", "Barbara"), null);
    assertThat(total(filter(TENANT, "User", "externalId eq \"Ext-1\""))).isZero();
    assertThat(total(filter(TENANT, "User", "displayName eq \"babs\""))).isZero();
    assertThat(filter(TENANT, "User", "externalId eq \"Ext-2\" and displayName eq \"barbara\"").body()
        .getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(total(filter(OTHER, "User", "externalId eq \"Ext-2\""))).as("other tenant").isZero();
    delete(TENANT, "User", id, null);
    assertThat(total(filter(TENANT, "User", "externalId eq \"Ext-2\""))).isZero();
  }

  private static int total(StorageReply r) {
    return r.body().getInteger("totalResults");
  }

  @Test
  void getReturnsWhatCreateStored() {
    String id = createUser(TENANT, "bjensen");
    StorageReply r = get(TENANT, "User", id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getString("userName")).isEqualTo("bjensen");
    assertThat(r.etag()).isEqualTo("W/\"1\"");
  }

  @Test
  void getProjectsAttributes() {
    String id = create(TENANT, "User", user("bjensen").put("title", "Boss").put("nickName", "B")).body().getString("id");
    JsonObject body = await(send(Operation.GET, TENANT, "User", id, null, null,
        QueryParams.projection("title", null))).body();
    assertThat(body.containsKey("title")).isTrue();
    assertThat(body.containsKey("nickName")).isFalse();
    assertThat(body.containsKey("userName")).isFalse();
    JsonObject excluded = await(send(Operation.GET, TENANT, "User", id, null, null,
        QueryParams.projection(null, "title"))).body();
    assertThat(excluded.containsKey("title")).isFalse();
    assertThat(excluded.getString("nickName")).isEqualTo("B");
  }

  @Test
  void replaceBumpsVersionAndKeepsCreated() {
    StorageReply created = create(TENANT, "User", user("bjensen").put("title", "A"));
    String id = created.body().getString("id");
    StorageReply r = replace(TENANT, "User", id, user("bjensen").put("nickName", "Babs").put("id", "ignored"), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.etag()).isEqualTo("W/\"2\"");
    assertThat(r.body().getString("id")).isEqualTo(id);
    assertThat(r.body().containsKey("title")).isFalse();
    assertThat(r.body().getString("nickName")).isEqualTo("Babs");
    assertThat(r.body().getJsonObject("meta").getString("created"))
        .isEqualTo(created.body().getJsonObject("meta").getString("created"));
    assertThat(r.body().getJsonObject("meta").getString("lastModified"))
        .isGreaterThan(created.body().getJsonObject("meta").getString("lastModified"));
  }

  @Test
  void ifMatchAcceptsWeakStrongAndStarAndRejectsStale() {
    String id = createUser(TENANT, "bjensen");
    assertThat(replace(TENANT, "User", id, user("bjensen"), "W/\"1\"").etag()).isEqualTo("W/\"2\"");
    assertThat(replace(TENANT, "User", id, user("bjensen"), "\"2\"").etag()).isEqualTo("W/\"3\"");
    assertThat(replace(TENANT, "User", id, user("bjensen"), "*").etag()).isEqualTo("W/\"4\"");
    assertError(send(Operation.REPLACE, TENANT, "User", id, user("bjensen"), "W/\"1\"", null), 412, null);
    assertError(send(Operation.DELETE, TENANT, "User", id, null, "W/\"3\"", null), 412, null);
    assertError(send(Operation.PATCH, TENANT, "User", id, patchBody(op("replace", "title", "x")), "W/\"3\"", null),
        412, null);
    assertThat(get(TENANT, "User", id).etag()).isEqualTo("W/\"4\"");
  }

  @Test
  void passwordIsHashedNeverReturnedAndKeptByReplaceWithoutOne() {
    String id = create(TENANT, "User", user("bjensen").put("password", "s3cret!")).body().getString("id");
    StoredResource stored = await(provider.get(TENANT, "User", id));
    String hash = stored.data().getString("password");
    assertThat(hash).startsWith("{sha256}").doesNotContain("s3cret!");
    assertThat(get(TENANT, "User", id).body().containsKey("password")).isFalse();
    replace(TENANT, "User", id, user("bjensen").put("title", "x"), null);
    assertThat(await(provider.get(TENANT, "User", id)).data().getString("password")).isEqualTo(hash);
    assertThat(changes(TENANT)).allSatisfy(row -> assertThat(row.event().encode()).doesNotContain("sha256", "s3cret"));
  }

  @Test
  void patchAppliesOperationsAndANoOpPatchWritesNothing() {
    String id = createUser(TENANT, "bjensen");
    StorageReply r = patch(TENANT, "User", id, null, op("add", "title", "Boss"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getString("title")).isEqualTo("Boss");
    assertThat(r.etag()).isEqualTo("W/\"2\"");
    int rows = changes(TENANT).size();
    StorageReply same = patch(TENANT, "User", id, null, op("replace", "title", "Boss"));
    assertThat(same.etag()).isEqualTo("W/\"2\"");
    assertThat(same.body().getString("title")).isEqualTo("Boss");
    assertThat(changes(TENANT)).hasSize(rows);
  }

  @Test
  void deleteAnswers204AndTheResourceIsGone() {
    String id = createUser(TENANT, "bjensen");
    StorageReply r = delete(TENANT, "User", id, null);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isNull();
    assertError(send(Operation.GET, TENANT, "User", id, null, null, null), 404, null);
    assertError(send(Operation.DELETE, TENANT, "User", id, null, null, null), 404, null);
    createUser(TENANT, "bjensen");
  }

  @Test
  void unknownIdsAndTypesAre404() {
    assertThat(error(send(Operation.GET, TENANT, "User", "nope", null, null, null)).detail()).contains("nope");
    assertError(send(Operation.REPLACE, TENANT, "User", "nope", user("x"), null, null), 404, null);
    assertError(send(Operation.PATCH, TENANT, "User", "nope", patchBody(op("add", "title", "x")), null, null), 404, null);
    assertError(send(Operation.GET, TENANT, "Printer", "x", null, null, null), 404, null);
  }

  @Test
  void badInputIs400WithTheRightScimType() {
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query("userName eq", null, null, null, null)),
        400, "invalidFilter");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query("noSuchAttr eq \"x\"", null, null, null,
        null)), 400, "invalidFilter");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query(null, "userName", "sideways", null, null)),
        400, "invalidValue");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query(null, null, null, null, "ten")),
        400, "invalidValue");
    assertError(send(Operation.SEARCH, TENANT, "User", null, new JsonObject().put("filter", "userName pr"), null, null),
        400, "invalidSyntax");
    assertThat(error(send(Operation.CREATE, TENANT, "User", null, new JsonObject().put("schemas",
        new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User")), null, null)).status()).isEqualTo(400);
    assertThat(changes(TENANT)).isEmpty();
  }

  @Test
  void searchTakesASearchRequestBody() {
    createUser(TENANT, "bjensen");
    createUser(TENANT, "jsmith");
    JsonObject search = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
        .put("filter", "userName sw \"j\"").put("attributes", new JsonArray().add("userName")).put("count", 10);
    StorageReply r = await(send(Operation.SEARCH, TENANT, "User", null, search, null, null));
    assertThat(r.body().getLong("totalResults")).isEqualTo(1);
    JsonObject only = r.body().getJsonArray("Resources").getJsonObject(0);
    assertThat(only.getString("userName")).isEqualTo("jsmith");
    assertThat(only.containsKey("meta")).isFalse();
  }

  @Test
  void rootSearchSpansResourceTypes() {
    String u = createUser(TENANT, "bjensen");
    String g = create(TENANT, "Group", group("Admins")).body().getString("id");
    JsonObject search = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
        .put("filter", "userName eq \"bjensen\" or displayName eq \"Admins\"");
    StorageReply r = await(send(Operation.SEARCH, TENANT, null, null, search, null, null));
    assertThat(ids(r)).containsExactly(u, g);
  }

  @Test
  void groupMembersMustExistAndAreCompleted() {
    String u = createUser(TENANT, "bjensen");
    String inner = create(TENANT, "Group", group("Inner")).body().getString("id");
    JsonObject g = create(TENANT, "Group", group("Admins", u, inner)).body();
    JsonArray members = g.getJsonArray("members");
    assertThat(members.getJsonObject(0).getString("type")).isEqualTo("User");
    assertThat(members.getJsonObject(0).getString("$ref")).isEqualTo(BASE + "/Users/" + u);
    assertThat(members.getJsonObject(0).getString("display")).isEqualTo("bjensen");
    assertThat(members.getJsonObject(1).getString("type")).isEqualTo("Group");
    int rows = changes(TENANT).size();
    assertThat(error(send(Operation.CREATE, TENANT, "Group", null, group("Bad", u, "no-such-id"), null, null)).detail())
        .contains("no-such-id");
    assertError(send(Operation.PATCH, TENANT, "Group", g.getString("id"),
        patchBody(op("add", "members", new JsonArray().add(new JsonObject().put("value", "ghost")))), null, null),
        400, "invalidValue");
    assertThat(changes(TENANT)).hasSize(rows);
  }

  @Test
  void userGroupsAreDerivedAndDeletingAUserRemovesItFromGroups() {
    String u = createUser(TENANT, "bjensen");
    String other = createUser(TENANT, "jsmith");
    String admins = create(TENANT, "Group", group("Admins", u, other)).body().getString("id");
    String sales = create(TENANT, "Group", group("Sales", u)).body().getString("id");
    JsonArray groups = get(TENANT, "User", u).body().getJsonArray("groups");
    assertThat(groups.stream().map(o -> ((JsonObject) o).getString("value"))).containsExactly(admins, sales);
    assertThat(groups.getJsonObject(0).getString("display")).isEqualTo("Admins");
    assertThat(groups.getJsonObject(0).getString("type")).isEqualTo("direct");
    assertThat(groups.getJsonObject(0).getString("$ref")).isEqualTo(BASE + "/Groups/" + admins);
    assertThat(await(send(Operation.GET, TENANT, "User", u, null, null, QueryParams.projection(null, "groups")))
        .body().containsKey("groups")).isFalse();
    // groups sent by a client are ignored
    replace(TENANT, "User", other, user("jsmith").put("groups", new JsonArray().add(new JsonObject().put("value", sales))),
        null);
    assertThat(get(TENANT, "User", other).body().getJsonArray("groups").size()).isEqualTo(1);

    delete(TENANT, "User", u, null);
    assertThat(get(TENANT, "Group", admins).body().getJsonArray("members").stream()
        .map(o -> ((JsonObject) o).getString("value"))).containsExactly(other);
    assertThat(get(TENANT, "Group", sales).body().containsKey("members")).isFalse();
    assertThat(get(TENANT, "Group", sales).etag()).isEqualTo("W/\"2\"");
    assertThat(changes(TENANT).subList(changes(TENANT).size() - 2, changes(TENANT).size()))
        .allSatisfy(row -> assertThat(row.resourceType()).isEqualTo("Group"))
        .allSatisfy(row -> assertThat(row.event().getJsonObject("events").fieldNames())
            .contains("urn:ietf:params:scim:event:prov:patch:full"));
  }

  @Test
  void renamingFreesTheOldUserNameAndIndexesFollow() {
    String id = createUser(TENANT, "bjensen");
    replace(TENANT, "User", id, user("Babs"), null);
    assertThat(ids(filter(TENANT, "User", "userName eq \"babs\""))).containsExactly(id);
    assertThat(ids(filter(TENANT, "User", "userName eq \"bjensen\""))).isEmpty();
    String again = createUser(TENANT, "BJENSEN");
    assertThat(ids(filter(TENANT, "User", "userName eq \"bjensen\""))).containsExactly(again);
    assertError(send(Operation.PATCH, TENANT, "User", again, patchBody(op("replace", "userName", "babs")), null, null),
        409, "uniqueness");
  }
}
