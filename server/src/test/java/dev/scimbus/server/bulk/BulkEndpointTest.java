package dev.scimbus.server.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
import dev.scimbus.server.config.BulkConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /Bulk} over real HTTP against the memory backend (RFC 7644 §3.7). */
class BulkEndpointTest {
  static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  static final int MAX_OPERATIONS = 5;
  static final int MAX_PAYLOAD = 8 * 1024;

  @TempDir
  static Path dataDir;
  static TestServers s;

  @BeforeAll
  static void start() {
    s = TestServers.start(TestServers.config(dataDir).withBulk(new BulkConfig(MAX_OPERATIONS, MAX_PAYLOAD)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static JsonObject bulk(JsonObject... ops) {
    return new JsonObject().put("schemas", new JsonArray().add(BULK_REQUEST)).put("Operations", new JsonArray(
        java.util.List.of((Object[]) ops)));
  }

  static JsonObject op(String method, String path, String bulkId, JsonObject data) {
    JsonObject o = new JsonObject().put("method", method).put("path", path);
    if (bulkId != null) {
      o.put("bulkId", bulkId);
    }
    return data == null ? o : o.put("data", data);
  }

  static JsonObject group(String name, String... memberValues) {
    JsonArray members = new JsonArray();
    for (String v : memberValues) {
      members.add(new JsonObject().put("value", v));
    }
    return new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:Group"))
        .put("displayName", name).put("members", members);
  }

  static JsonObject addMember(String value) {
    return new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "add").put("path", "members")
            .put("value", new JsonArray().add(new JsonObject().put("value", value)))));
  }

  static JsonArray results(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("schemas"))
        .containsExactly("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
    return r.bodyAsJsonObject().getJsonArray("Operations");
  }

  static String idFromLocation(JsonObject result) {
    String location = result.getString("location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static void assertGroupHasMember(String groupId, String userId) {
    JsonObject g = s.get("/scim/v2/Groups/" + groupId).bodyAsJsonObject();
    assertThat(g.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("value")))
        .containsExactly(userId);
  }

  @Test
  void groupReferencingAUserCreatedEarlierInTheSameRequest() {
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("POST", "/Users", "u1", TestServers.user("bulk.forward@example.com")),
        op("POST", "/Groups", "g1", group("Forward", "bulkId:u1")))));
    assertThat(ops).hasSize(2);
    JsonObject user = ops.getJsonObject(0);
    assertThat(user.getString("method")).isEqualTo("POST");
    assertThat(user.getString("bulkId")).isEqualTo("u1");
    assertThat(user.getString("status")).isEqualTo("201");
    assertThat(user.getString("location")).startsWith(s.baseUrl() + "/Users/");
    assertThat(user.getString("version")).startsWith("W/");
    assertThat(ops.getJsonObject(1).getString("status")).isEqualTo("201");
    assertGroupHasMember(idFromLocation(ops.getJsonObject(1)), idFromLocation(user));
  }

  @Test
  void groupListedBeforeTheUserItReferencesStillGetsTheUsersId() {
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("POST", "/Groups", "g2", group("Backward", "bulkId:u2")),
        op("POST", "/Users", "u2", TestServers.user("bulk.backward@example.com")))));
    assertThat(ops.stream().map(o -> ((JsonObject) o).getString("bulkId"))).containsExactly("g2", "u2");
    assertThat(ops.stream().map(o -> ((JsonObject) o).getString("status"))).containsExactly("201", "201");
    assertGroupHasMember(idFromLocation(ops.getJsonObject(0)), idFromLocation(ops.getJsonObject(1)));
  }

  @Test
  void bulkIdInAPatchPathAndInPatchValues() {
    JsonArray ops = results(s.post("/tenants/acme/scim/v2/Bulk", bulk(
        op("PATCH", "/Groups/bulkId:g3", null, addMember("bulkId:u3")),
        op("POST", "/Groups", "g3", group("Patched")),
        op("POST", "/Users", "u3", TestServers.user("bulk.patch@example.com")))));
    JsonObject patch = ops.getJsonObject(0);
    assertThat(patch.getString("method")).isEqualTo("PATCH");
    assertThat(patch.getString("status")).isEqualTo("200");
    String groupId = idFromLocation(ops.getJsonObject(1));
    assertThat(patch.getString("location")).isEqualTo("http://localhost:" + s.server.port()
        + "/tenants/acme/scim/v2/Groups/" + groupId);
    assertGroupHasMember(groupId, idFromLocation(ops.getJsonObject(2)));
  }

  @Test
  void circularReferencesFailEveryOperationInTheCycleWith409() {
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("POST", "/Groups", "ga", group("Cycle A", "bulkId:gb")),
        op("POST", "/Groups", "gb", group("Cycle B", "bulkId:ga")),
        op("POST", "/Users", "ok", TestServers.user("bulk.cycle.bystander@example.com")))));
    for (int i = 0; i < 2; i++) {
      JsonObject r = ops.getJsonObject(i);
      assertThat(r.getString("status")).isEqualTo("409");
      assertThat(r.getJsonObject("response").getString("status")).isEqualTo("409");
      assertThat(r.getJsonObject("response").getString("detail")).contains("circular").contains("ga").contains("gb");
      assertThat(r.containsKey("location")).isFalse();
    }
    assertThat(ops.getJsonObject(2).getString("status")).isEqualTo("201");
    assertThat(s.get("/scim/v2/Groups?filter=displayName%20sw%20%22Cycle%22").bodyAsJsonObject()
        .getInteger("totalResults")).isZero();
  }

  @Test
  void failedPostMakesItsReferencesUnresolvableAndUniquenessIsReportedPerOperation() {
    assertThat(s.post("/scim/v2/Users", TestServers.user("bulk.taken@example.com")).statusCode()).isEqualTo(201);
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("POST", "/Users", "dup", TestServers.user("bulk.taken@example.com")),
        op("POST", "/Groups", "gdup", group("Refers to dup", "bulkId:dup")),
        op("POST", "/Groups", "gnone", group("Refers to nothing", "bulkId:nowhere")))));
    JsonObject dup = ops.getJsonObject(0);
    assertThat(dup.getString("status")).isEqualTo("409");
    assertThat(dup.getJsonObject("response").getString("scimType")).isEqualTo("uniqueness");
    JsonObject gdup = ops.getJsonObject(1);
    assertThat(gdup.getString("status")).isEqualTo("409");
    assertThat(gdup.getJsonObject("response").getString("detail")).contains("bulkId:dup").contains("failed");
    assertThat(ops.getJsonObject(2).getJsonObject("response").getString("detail")).contains("bulkId:nowhere")
        .contains("no POST operation");
  }

  @Test
  void failOnErrorsStopsAndLeavesTheRestUnlisted() {
    JsonObject req = bulk(
        op("POST", "/Users", "f1", new JsonObject().put("schemas", new JsonArray()
            .add("urn:ietf:params:scim:schemas:core:2.0:User"))),
        op("DELETE", "/Users/does-not-exist", null, null),
        op("POST", "/Users", "f3", TestServers.user("bulk.never.created@example.com")))
        .put("failOnErrors", 2);
    JsonArray ops = results(s.post("/scim/v2/Bulk", req));
    assertThat(ops).hasSize(2);
    assertThat(ops.getJsonObject(0).getString("status")).isEqualTo("400");
    assertThat(ops.getJsonObject(1).getString("status")).isEqualTo("404");
    assertThat(s.get("/scim/v2/Users?filter=userName%20eq%20%22bulk.never.created@example.com%22").bodyAsJsonObject()
        .getInteger("totalResults")).isZero();
  }

  @Test
  void putPatchAndDeleteWithVersions() {
    HttpResponse<Buffer> created = s.post("/scim/v2/Users", TestServers.user("bulk.versions@example.com"));
    String id = created.bodyAsJsonObject().getString("id");
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("PUT", "/Users/" + id, null, TestServers.user("bulk.versions@example.com").put("displayName", "V"))
            .put("version", created.getHeader("ETag")),
        op("DELETE", "/Users/" + id, null, null).put("version", "W/\"stale\""))));
    assertThat(ops.getJsonObject(0).getString("status")).isEqualTo("200");
    assertThat(ops.getJsonObject(0).getString("version")).isNotEqualTo(created.getHeader("ETag"));
    assertThat(ops.getJsonObject(1).getString("status")).isEqualTo("412");
    assertThat(ops.getJsonObject(1).getString("location")).isEqualTo(s.baseUrl() + "/Users/" + id);
    assertThat(s.get("/scim/v2/Users/" + id).bodyAsJsonObject().getString("displayName")).isEqualTo("V");
  }

  @Test
  void badOperationsAreReportedOneByOne() {
    JsonArray ops = results(s.post("/scim/v2/Bulk", bulk(
        op("GET", "/Users", null, null),
        op("POST", "/Users", null, TestServers.user("bulk.no.bulkid@example.com")),
        op("POST", "/Widgets", "w", new JsonObject()))));
    assertThat(ops.stream().map(o -> ((JsonObject) o).getString("status"))).containsExactly("400", "400", "404");
    assertThat(ops.getJsonObject(1).getJsonObject("response").getString("detail")).contains("bulkId");
  }

  @Test
  void requestWithoutTheBulkRequestSchemaIs400() {
    HttpResponse<Buffer> r = s.post("/scim/v2/Bulk", new JsonObject().put("Operations", new JsonArray()));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("scimType")).isEqualTo("invalidSyntax");
  }

  @Test
  void moreThanMaxOperationsIs413NamingTheLimit() {
    JsonObject[] ops = new JsonObject[MAX_OPERATIONS + 1];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = op("POST", "/Users", "m" + i, TestServers.user("bulk.many." + i + "@example.com"));
    }
    HttpResponse<Buffer> r = s.post("/scim/v2/Bulk", bulk(ops));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("maxOperations (" + MAX_OPERATIONS + ")");
    assertThat(s.get("/scim/v2/Users?filter=userName%20sw%20%22bulk.many.%22").bodyAsJsonObject()
        .getInteger("totalResults")).isZero();
  }

  private static Buffer oversized() {
    String padding = "x".repeat(MAX_PAYLOAD);
    return bulk(op("POST", "/Users", "big", TestServers.user("bulk.big@example.com").put("displayName", padding)))
        .toBuffer();
  }

  @Test
  void payloadOverMaxPayloadSizeIs413WithContentLength() {
    HttpResponse<Buffer> r = s.request(HttpMethod.POST, "/scim/v2/Bulk", TestServers.ACME)
        .putHeader("Content-Type", TestServers.SCIM_JSON).sendBuffer(oversized()).await();
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("maxPayloadSize (" + MAX_PAYLOAD + " bytes)");
  }

  @Test
  void chunkedPayloadOverMaxPayloadSizeIs413() {
    Buffer body = oversized();
    io.vertx.core.http.HttpClient client = s.clientVertx.createHttpClient();
    try {
      int status = client.request(HttpMethod.POST, s.server.port(), "localhost", "/scim/v2/Bulk")
          .compose(req -> {
            req.setChunked(true).putHeader("Authorization", "Bearer " + TestServers.ACME)
                .putHeader("Content-Type", TestServers.SCIM_JSON);
            for (int i = 0; i < body.length(); i += 1024) {
              req.write(body.getBuffer(i, Math.min(body.length(), i + 1024)));
            }
            return req.end().compose(v -> req.response());
          })
          .map(io.vertx.core.http.HttpClientResponse::statusCode)
          .await();
      assertThat(status).isEqualTo(413);
    } finally {
      client.close();
    }
    assertThat(s.get("/scim/v2/Users?filter=userName%20eq%20%22bulk.big@example.com%22").bodyAsJsonObject()
        .getInteger("totalResults")).isZero();
  }

  @Test
  void otherMethodsOnBulkAre405() {
    HttpResponse<Buffer> r = s.get("/scim/v2/Bulk");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("Allow")).isEqualTo("POST");
  }
}
