package dev.scimbus.scim.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.validation.Rfc7643Examples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeEventTest {
  final ResourceType users = SchemaRegistry.defaults().resourceType("User").orElseThrow();
  final JsonObject bjensen = Rfc7643Examples.enterpriseUser();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void eventUrisRoundTrip(EventType type) {
    assertThat(type.uri()).startsWith("urn:ietf:params:scim:event:prov:");
    assertThat(EventType.fromUri(type.uri())).isEqualTo(type);
    assertThat(EventType.fromUri(type.uri().toUpperCase())).isEqualTo(type);
  }

  @Test
  void unknownEventUriIsAScimError() {
    assertThatThrownBy(() -> EventType.fromUri("urn:ietf:params:scim:event:feed:add")).isInstanceOf(ScimError.class);
    assertThat(EventType.DELETE.uri()).isEqualTo("urn:ietf:params:scim:event:prov:delete");
    assertThat(EventType.CREATE_FULL.uri()).isEqualTo("urn:ietf:params:scim:event:prov:create:full");
  }

  @Test
  void createFullHasTheRfc9967Shape() {
    ChangeEvent e = ChangeEvent.of(users, "create", null, bjensen, false, "txn-1", "acme", 7, 1458496404L);
    JsonObject json = e.toJson();
    assertThat(json.getString("jti")).hasSize(32);
    assertThat(json.getLong("iat")).isEqualTo(1458496404L);
    assertThat(json.getString("txn")).isEqualTo("txn-1");
    assertThat(json.getJsonObject("sub_id")).isEqualTo(new JsonObject().put("format", "scim")
        .put("uri", "/Users/2819c223-7f76-453a-919d-413861904646").put("externalId", "701984"));
    JsonObject payload = json.getJsonObject("events").getJsonObject(EventType.CREATE_FULL.uri());
    assertThat(payload.getString("version")).isEqualTo("W/\"3694e05e9dff591\"");
    assertThat(payload.getJsonObject("data").getString("userName")).isEqualTo("bjensen@example.com");
    assertThat(json.getJsonObject("events").fieldNames()).containsExactly(EventType.CREATE_FULL.uri());
  }

  @Test
  void eventsNeverCarryThePassword() {
    ChangeEvent e = ChangeEvent.of(users, "put", bjensen, bjensen, false, null, "acme", 1, 1);
    assertThat(e.data().containsKey("password")).isFalse();
    assertThat(e.toJson().encode()).doesNotContain("t1meMa$heen").doesNotContain("\"password\"");
    ChangeEvent direct = new ChangeEvent("j", null, 1, "t", 1, "Users", "id", null, null,
        List.of(EventType.CREATE_FULL), new JsonObject().put("PassWord", "secret").put("userName", "u"), null);
    assertThat(direct.toJson().encode()).doesNotContain("secret");
    assertThat(bjensen.getString("password")).as("input untouched").isEqualTo("t1meMa$heen");
  }

  @Test
  void noticeListsChangedAttributesWithoutValues() {
    JsonObject after = bjensen.copy().put("displayName", "Barbara").put("password", "new-hash");
    after.getJsonObject(ent()).put("department", "Sales");
    after.getJsonObject("meta").put("version", "W/\"4\"");
    ChangeEvent e = ChangeEvent.of(users, "patch", bjensen, after, true, null, "acme", 2, 1);
    JsonObject payload = e.toJson().getJsonObject("events").getJsonObject(EventType.PATCH_NOTICE.uri());
    assertThat(payload.getJsonArray("attributes")).containsExactlyInAnyOrder("displayName", "password", ent() + ":department");
    assertThat(payload.getString("version")).isEqualTo("W/\"4\"");
    assertThat(payload.containsKey("data")).isFalse();
    assertThat(e.toJson().encode()).doesNotContain("new-hash").doesNotContain("Barbara");
  }

  @Test
  void deleteHasAnEmptyPayload() {
    ChangeEvent e = ChangeEvent.of(users, "delete", bjensen, null, false, null, "acme", 3, 1);
    assertThat(e.events()).containsExactly(EventType.DELETE);
    assertThat(e.toJson().getJsonObject("events")).isEqualTo(new JsonObject().put(EventType.DELETE.uri(), new JsonObject()));
    assertThat(e.resourceId()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
  }

  @Test
  void deactivationAddsTheDeactivateEvent() {
    JsonObject after = bjensen.copy().put("active", false);
    ChangeEvent e = ChangeEvent.of(users, "patch", bjensen, after, false, null, "acme", 4, 1);
    assertThat(e.events()).containsExactly(EventType.PATCH_FULL, EventType.DEACTIVATE);
    assertThat(e.toJson().getJsonObject("events").getJsonObject(EventType.DEACTIVATE.uri())).isEqualTo(new JsonObject());
  }

  @Test
  void classifyActiveFlips() {
    JsonObject absent = new JsonObject();
    JsonObject on = new JsonObject().put("active", true);
    JsonObject off = new JsonObject().put("active", false);
    assertThat(ChangeEvent.classify("put", on, off, false)).containsExactly(EventType.PUT_FULL, EventType.DEACTIVATE);
    assertThat(ChangeEvent.classify("PATCH", absent, off, true)).containsExactly(EventType.PATCH_NOTICE, EventType.DEACTIVATE);
    assertThat(ChangeEvent.classify("patch", off, on, false)).containsExactly(EventType.PATCH_FULL, EventType.ACTIVATE);
    assertThat(ChangeEvent.classify("put", on, on, false)).containsExactly(EventType.PUT_FULL);
    assertThat(ChangeEvent.classify("put", absent, on, true)).containsExactly(EventType.PUT_NOTICE);
  }

  @Test
  void createAndDeleteNeverAddActivation() {
    assertThat(ChangeEvent.classify("create", null, new JsonObject().put("active", false), false))
        .containsExactly(EventType.CREATE_FULL);
    assertThat(ChangeEvent.classify("create", null, new JsonObject(), true)).containsExactly(EventType.CREATE_NOTICE);
    assertThat(ChangeEvent.classify("delete", new JsonObject().put("active", true), null, false))
        .containsExactly(EventType.DELETE);
  }

  @Test
  void fullEventRoundTripsThroughJson() {
    JsonObject after = bjensen.copy().put("active", false);
    ChangeEvent e = ChangeEvent.of(users, "put", bjensen, after, false, "txn-9", "acme", 42, 1700000000L);
    ChangeEvent back = ChangeEvent.fromJson(e.toJson(), "acme", 42);
    assertThat(back).isEqualTo(e);
    assertThat(back.resourceType()).isEqualTo("Users");
  }

  @Test
  void noticeEventRoundTripsThroughJson() {
    ChangeEvent e = ChangeEvent.of(users, "patch", bjensen, bjensen.copy().put("title", "Boss"), true, null, "t", 5, 9);
    assertThat(ChangeEvent.fromJson(e.toJson(), "t", 5)).isEqualTo(e);
  }

  @Test
  void rfc9967CreateExampleParses() {
    JsonObject set = new JsonObject("""
        {"jti": "4d3559ec67504aaba65d40b0363faad8", "iat": 1458496404,
         "iss": "https://scim.example.com", "aud": ["https://scim.example.com/Feeds/98d52461fa5bbc879593b7754"],
         "sub_id": {"format": "scim", "uri": "/Users/44f6142df96bd6ab61e7521d9", "externalId": "jdoe"},
         "events": {"urn:ietf:params:scim:event:prov:create:full": {"data": {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "jdoe"}}}}""");
    ChangeEvent e = ChangeEvent.fromJson(set, "default", 1);
    assertThat(e.resourceType()).isEqualTo("Users");
    assertThat(e.resourceId()).isEqualTo("44f6142df96bd6ab61e7521d9");
    assertThat(e.externalId()).isEqualTo("jdoe");
    assertThat(e.events()).containsExactly(EventType.CREATE_FULL);
    assertThat(e.data().getString("userName")).isEqualTo("jdoe");
  }

  @Test
  void malformedEventJsonIsAScimError() {
    assertThatThrownBy(() -> ChangeEvent.fromJson(new JsonObject().put("jti", "x"), "t", 1)).isInstanceOf(ScimError.class);
    assertThatThrownBy(() -> ChangeEvent.fromJson(new JsonObject()
        .put("sub_id", new JsonObject().put("uri", "/Users/1")).put("events", new JsonObject().put("urn:x", new JsonObject())), "t", 1))
        .isInstanceOf(ScimError.class);
    assertThatThrownBy(() -> ChangeEvent.fromJson(new JsonObject().put("iat", "soon")
        .put("sub_id", new JsonObject().put("uri", "/Users/1"))
        .put("events", new JsonObject().put(EventType.DELETE.uri(), new JsonObject())), "t", 1)).isInstanceOf(ScimError.class);
  }

  @Test
  void eventNeedsAtLeastOneType() {
    assertThatThrownBy(() -> new ChangeEvent("j", null, 1, "t", 1, "Users", "1", null, null, List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groupNoticeListsMembers() {
    ResourceType groups = SchemaRegistry.defaults().resourceType("Group").orElseThrow();
    JsonObject before = Rfc7643Examples.group();
    JsonObject after = before.copy().put("members", new JsonArray());
    ChangeEvent e = ChangeEvent.of(groups, "patch", before, after, true, null, "t", 1, 1);
    assertThat(e.changedAttributes()).containsExactly("members");
    assertThat(e.toJson().getJsonObject("sub_id").getString("uri")).startsWith("/Groups/");
  }

  private static String ent() {
    return SchemaRegistry.ENTERPRISE_USER;
  }
}
