package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.TestServers;
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

/** CRUD, conditional requests, lists and searches over real HTTP against the memory backend. */
class ResourceEndpointsTest {
  @TempDir
  static Path dataDir;
  static TestServers s;

  @BeforeAll
  static void start() {
    var config = TestServers.config(dataDir);
    s = TestServers.start(config.withScim(config.scim().withMaxPageSize(3)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonObject patchActive(boolean active) {
    return new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active")
            .put("value", active)));
  }

  @Test
  void createGetReplacePatchDeleteRoundTrip() {
    HttpResponse<Buffer> created = s.post("/scim/v2/Users", TestServers.user("round.trip@example.com"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Content-Type")).isEqualTo("application/scim+json;charset=UTF-8");
    JsonObject body = created.bodyAsJsonObject();
    String id = body.getString("id");
    String location = s.baseUrl() + "/Users/" + id;
    assertThat(created.getHeader("Location")).isEqualTo(location);
    assertThat(body.getJsonObject("meta").getString("location")).isEqualTo(location);
    assertThat(created.getHeader("ETag")).isNotBlank().isEqualTo(body.getJsonObject("meta").getString("version"));

    HttpResponse<Buffer> got = s.get("/scim/v2/Users/" + id);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.getHeader("Location")).isEqualTo(location);
    assertThat(got.getHeader("ETag")).isEqualTo(created.getHeader("ETag"));
    assertThat(got.bodyAsJsonObject().getString("userName")).isEqualTo("round.trip@example.com");

    JsonObject replacement = TestServers.user("round.trip@example.com").put("displayName", "Round Trip");
    HttpResponse<Buffer> replaced = s.request(HttpMethod.PUT, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", got.getHeader("ETag")).putHeader("Content-Type", TestServers.SCIM_JSON)
        .sendBuffer(replacement.toBuffer()).await();
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(replaced.bodyAsJsonObject().getString("displayName")).isEqualTo("Round Trip");
    assertThat(replaced.getHeader("ETag")).isNotEqualTo(got.getHeader("ETag"));
    assertThat(replaced.getHeader("Location")).isEqualTo(location);

    HttpResponse<Buffer> patched = s.request(HttpMethod.PATCH, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", replaced.getHeader("ETag")).putHeader("Content-Type", TestServers.SCIM_JSON)
        .sendBuffer(patchActive(false).toBuffer()).await();
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(patched.getHeader("Location")).isEqualTo(location);

    HttpResponse<Buffer> deleted = s.request(HttpMethod.DELETE, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", patched.getHeader("ETag")).send().await();
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isNull();
    assertThat(s.get("/scim/v2/Users/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void staleIfMatchIsRejectedWith412OnPutPatchAndDelete() {
    HttpResponse<Buffer> created = s.post("/scim/v2/Users", TestServers.user("stale@example.com"));
    String id = created.bodyAsJsonObject().getString("id");
    String stale = "W/\"stale-version\"";
    HttpResponse<Buffer> put = s.request(HttpMethod.PUT, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", stale).putHeader("Content-Type", TestServers.SCIM_JSON)
        .sendBuffer(TestServers.user("stale@example.com").toBuffer()).await();
    HttpResponse<Buffer> patch = s.request(HttpMethod.PATCH, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", stale).putHeader("Content-Type", TestServers.SCIM_JSON)
        .sendBuffer(patchActive(false).toBuffer()).await();
    HttpResponse<Buffer> delete = s.request(HttpMethod.DELETE, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-Match", stale).send().await();
    for (HttpResponse<Buffer> r : java.util.List.of(put, patch, delete)) {
      assertThat(r.statusCode()).isEqualTo(412);
      assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("412");
      assertThat(r.bodyAsJsonObject().getJsonArray("schemas").getString(0))
          .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }
    assertThat(s.get("/scim/v2/Users/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void ifNoneMatchWithTheCurrentEtagAnswers304WithoutBody() {
    HttpResponse<Buffer> created = s.post("/scim/v2/Users", TestServers.user("cached@example.com"));
    String id = created.bodyAsJsonObject().getString("id");
    String etag = created.getHeader("ETag");
    HttpResponse<Buffer> same = s.request(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-None-Match", etag).send().await();
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isNull();
    assertThat(same.getHeader("ETag")).isEqualTo(etag);
    String strongForm = etag.startsWith("W/") ? etag.substring(2) : "W/" + etag;
    HttpResponse<Buffer> weakCompare = s.request(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-None-Match", strongForm).send().await();
    assertThat(weakCompare.statusCode()).isEqualTo(304);
    HttpResponse<Buffer> other = s.request(HttpMethod.GET, "/scim/v2/Users/" + id, TestServers.ACME)
        .putHeader("If-None-Match", "W/\"something-else\"").send().await();
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void listsWithFilterSortAndPaging() {
    for (String name : new String[] {"list-c", "list-a", "list-b", "list-d"}) {
      assertThat(s.post("/scim/v2/Users", TestServers.user(name)).statusCode()).isEqualTo(201);
    }
    JsonObject filtered = s.get("/scim/v2/Users?filter=" + enc("userName sw \"list-\"")
        + "&sortBy=userName&sortOrder=descending&startIndex=2&count=2").bodyAsJsonObject();
    assertThat(filtered.getInteger("totalResults")).isEqualTo(4);
    assertThat(filtered.getInteger("startIndex")).isEqualTo(2);
    assertThat(userNames(filtered)).containsExactly("list-c", "list-b");

    JsonObject countOnly = s.get("/scim/v2/Users?filter=" + enc("userName sw \"list-\"") + "&count=0").bodyAsJsonObject();
    assertThat(countOnly.getInteger("totalResults")).isEqualTo(4);
    assertThat(countOnly.getJsonArray("Resources", new JsonArray())).isEmpty();

    // scim.maxPageSize is 3 here: a huge count is capped, not rejected
    HttpResponse<Buffer> huge = s.get("/scim/v2/Users?filter=" + enc("userName sw \"list-\"") + "&count=100000000");
    assertThat(huge.statusCode()).isEqualTo(200);
    assertThat(huge.bodyAsJsonObject().getInteger("totalResults")).isEqualTo(4);
    assertThat(huge.bodyAsJsonObject().getJsonArray("Resources")).hasSize(3);
  }

  @Test
  void searchOnATypeAndOnTheRoot() {
    s.post("/scim/v2/Users", TestServers.user("search-me@example.com"));
    s.post("/scim/v2/Groups", new JsonObject().put("schemas",
        new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:Group")).put("displayName", "search-group"));
    JsonObject request = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
        .put("filter", "userName eq \"search-me@example.com\"");
    HttpResponse<Buffer> typed = s.post("/scim/v2/Users/.search", request);
    assertThat(typed.statusCode()).isEqualTo(200);
    assertThat(userNames(typed.bodyAsJsonObject())).containsExactly("search-me@example.com");

    JsonObject rootRequest = request.copy().put("filter", "displayName eq \"search-group\"");
    HttpResponse<Buffer> root = s.post("/scim/v2/.search", rootRequest);
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.bodyAsJsonObject().getInteger("totalResults")).isEqualTo(1);
    assertThat(root.bodyAsJsonObject().getJsonArray("Resources").getJsonObject(0).getString("displayName"))
        .isEqualTo("search-group");
  }

  @Test
  void resourceTypeEndpointIgnoresCase() {
    assertThat(s.get("/scim/v2/users?count=1").statusCode()).isEqualTo(200);
  }

  @Test
  void duplicateUserNameIs409Uniqueness() {
    assertThat(s.post("/scim/v2/Users", TestServers.user("dup@example.com")).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> again = s.post("/scim/v2/Users", TestServers.user("DUP@example.com"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("scimType")).isEqualTo("uniqueness");
  }

  @Test
  void unknownIdIs404ScimError() {
    HttpResponse<Buffer> r = s.get("/scim/v2/Users/does-not-exist");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("404");
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static java.util.List<String> userNames(JsonObject list) {
    return list.getJsonArray("Resources").stream().map(o -> ((JsonObject) o).getString("userName")).toList();
  }
}
