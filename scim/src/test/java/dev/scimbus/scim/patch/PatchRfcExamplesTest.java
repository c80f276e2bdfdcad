package dev.scimbus.scim.patch;

import static dev.scimbus.scim.patch.PatchFixtures.GROUP;
import static dev.scimbus.scim.patch.PatchFixtures.USER;
import static dev.scimbus.scim.patch.PatchFixtures.ent;
import static dev.scimbus.scim.patch.PatchFixtures.group;
import static dev.scimbus.scim.patch.PatchFixtures.patch;
import static dev.scimbus.scim.patch.PatchFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7644 §3.5.2.1–3, plus the plain forms around them, under both option sets. */
class PatchRfcExamplesTest {

  private static JsonArray values(JsonArray elements) {
    JsonArray out = new JsonArray();
    elements.forEach(e -> out.add(((JsonObject) e).getString("value")));
    return out;
  }

  @Test
  void addMemberToGroup() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(), """
        [{"op":"add","path":"members","value":[{"display":"Babs Jensen",
          "$ref":"https://example.com/v2/Users/2819c223","value":"2819c223"}]}]""");
    assertThat(values(out.getJsonArray("members")))
        .containsExactly("2819c223-7f76-453a-919d-413861904646", "902c246b-6245-4190-8e05-00816be7344a", "2819c223");
    // display is writable (the server fills it in only when the client sends none)
    assertThat(out.getJsonArray("members").getJsonObject(2)).isEqualTo(new JsonObject()
        .put("display", "Babs Jensen").put("$ref", "https://example.com/v2/Users/2819c223").put("value", "2819c223"));
  }

  @Test
  void addExistingMemberAgainDoesNotDuplicateIt() {
    JsonObject g = patch(GROUP, group(), "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"x\"}]}]");
    JsonObject out = patch(GROUP, g, "[{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":\"x\"}}]");
    assertThat(out.getJsonArray("members")).hasSize(3);
  }

  @Test
  void addWithoutPathMergesAttributes() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"add","value":{"emails":[{"value":"babs@jensen.org","type":"home"},
                                        {"value":"new@example.com","type":"other"}],
                              "nickName":"Babs"}}]""");
    assertThat(out.getString("nickName")).isEqualTo("Babs");
    // the identical home email is not appended twice, the new one is
    assertThat(values(out.getJsonArray("emails")))
        .containsExactly("bjensen@example.com", "babs@jensen.org", "new@example.com");
  }

  @Test
  void addWithoutPathMergesComplexAndExtensionValues() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"add","value":{"name":{"middleName":"J"},
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"4130"},
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division":"Theme Park"}}]""");
    assertThat(out.getJsonObject("name").getString("middleName")).isEqualTo("J");
    assertThat(out.getJsonObject("name").getString("givenName")).isEqualTo("Barbara");
    assertThat(ent(out).getString("costCenter")).isEqualTo("4130");
    assertThat(ent(out).getString("division")).isEqualTo("Theme Park");
    assertThat(ent(out).getString("employeeNumber")).isEqualTo("701984");
  }

  @Test
  void addSingleValuedAttributeWithPathSetsIt() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"Tour Guide\"}]");
    assertThat(out.getString("title")).isEqualTo("Tour Guide");
  }

  @Test
  void addSubAttributeCreatesComplexAttribute() {
    JsonObject u = user();
    u.remove("name");
    JsonObject out = patch(PatchOptions.STRICT, USER, u, "[{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"Babs\"}]");
    assertThat(out.getJsonObject("name")).isEqualTo(new JsonObject().put("givenName", "Babs"));
  }

  @Test
  void addToAbsentExtensionCreatesItAndListsItsSchema() {
    JsonObject u = user();
    u.remove(PatchFixtures.ENT);
    u.put("schemas", new JsonArray().add(PatchFixtures.USER.schema()));
    JsonObject out = patch(PatchOptions.STRICT, USER, u,
        "[{\"op\":\"add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"R&D\"}]");
    assertThat(ent(out).getString("department")).isEqualTo("R&D");
    assertThat(out.getJsonArray("schemas")).contains(PatchFixtures.ENT);
  }

  @Test
  void removeAllMembers() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(), "[{\"op\":\"remove\",\"path\":\"members\"}]");
    assertThat(out.containsKey("members")).isFalse();
    assertThat(out.getString("displayName")).isEqualTo("Tour Guides");
  }

  @Test
  void removeOneMemberByFilter() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(),
        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"2819c223-7f76-453a-919d-413861904646\\\"]\"}]");
    assertThat(values(out.getJsonArray("members"))).containsExactly("902c246b-6245-4190-8e05-00816be7344a");
  }

  @Test
  void removeMultipleMembersThenAddOne() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(), """
        [{"op":"remove","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"]"},
         {"op":"remove","path":"members[value eq \\"902c246b-6245-4190-8e05-00816be7344a\\"]"},
         {"op":"add","path":"members","value":[{"value":"08e1d05d"}]}]""");
    assertThat(out.getJsonArray("members")).containsExactly(new JsonObject().put("value", "08e1d05d"));
  }

  @Test
  void replaceAllMembers() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(), """
        [{"op":"replace","path":"members","value":[{"value":"2819c223"},{"value":"902c246b"}]}]""");
    assertThat(values(out.getJsonArray("members"))).containsExactly("2819c223", "902c246b");
  }

  @Test
  void replaceWorkAddressByFilter() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"replace","path":"addresses[type eq \\"work\\"]","value":{"type":"work",
          "streetAddress":"911 Universal City Plaza","locality":"Hollywood","region":"CA",
          "postalCode":"91608","country":"US","formatted":"911 Universal City Plaza\\nHollywood, CA 91608 US",
          "primary":true}}]""");
    JsonObject work = out.getJsonArray("addresses").getJsonObject(0);
    assertThat(work.getString("streetAddress")).isEqualTo("911 Universal City Plaza");
    assertThat(work.getString("country")).isEqualTo("US");
    assertThat(out.getJsonArray("addresses").getJsonObject(1).getString("type")).isEqualTo("home");
  }

  @Test
  void replaceSubAttributeOfFilteredElement() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"replace","path":"addresses[type eq \\"work\\"].streetAddress","value":"1010 Broadway Ave"}]""");
    assertThat(out.getJsonArray("addresses").getJsonObject(0).getString("streetAddress")).isEqualTo("1010 Broadway Ave");
    assertThat(out.getJsonArray("addresses").getJsonObject(1).getString("streetAddress")).isEqualTo("456 Hollywood Blvd");
  }

  @Test
  void replaceWorkEmailValue() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"replace","path":"emails[type eq \\"work\\"].value","value":"babs@example.org"}]""");
    assertThat(values(out.getJsonArray("emails"))).containsExactly("babs@example.org", "babs@jensen.org");
  }

  @Test
  void replaceWithoutPathReplacesMultiValuedWholesaleAndMergesComplex() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"replace","value":{"emails":[{"value":"only@example.com","type":"work"}],
          "name":{"givenName":"Babs"},"userName":"babs","active":false}}]""");
    assertThat(values(out.getJsonArray("emails"))).containsExactly("only@example.com");
    assertThat(out.getJsonObject("name").getString("givenName")).isEqualTo("Babs");
    assertThat(out.getJsonObject("name").getString("familyName")).isEqualTo("Jensen");
    assertThat(out.getString("userName")).isEqualTo("babs");
    assertThat(out.getBoolean("active")).isFalse();
  }

  @Test
  void replaceOfAbsentAttributeAddsIt() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"B\"}]");
    assertThat(out.getString("nickName")).isEqualTo("B");
  }

  @Test
  void removeSingleAttributeSubAttributeAndFilteredSubAttribute() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"remove","path":"displayName"},
         {"op":"remove","path":"name.formatted"},
         {"op":"remove","path":"addresses[type eq \\"work\\"].formatted"},
         {"op":"remove","path":"emails[type eq \\"home\\"].type"},
         {"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]""");
    assertThat(out.containsKey("displayName")).isFalse();
    assertThat(out.getJsonObject("name").containsKey("formatted")).isFalse();
    assertThat(out.getJsonArray("emails").getJsonObject(1)).isEqualTo(new JsonObject().put("value", "babs@jensen.org"));
    assertThat(ent(out).containsKey("manager")).isFalse();
  }

  @Test
  void removingTheLastExtensionAttributeDropsTheExtensionAndItsSchema() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]""");
    assertThat(out.containsKey(PatchFixtures.ENT)).isFalse();
    assertThat(out.getJsonArray("schemas")).containsExactly(USER.schema());
  }

  @Test
  void removeAbsentAttributeSucceeds() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"remove\",\"path\":\"nickName\"}]");
    assertThat(out).isEqualTo(user());
  }

  @Test
  void engineDoesNotTouchMetaAndStoresPasswordAsGiven() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"t1meMa$heen\"}]");
    assertThat(out.getString("password")).isEqualTo("t1meMa$heen");
    assertThat(out.getJsonObject("meta")).isEqualTo(user().getJsonObject("meta"));
  }

  @Test
  void urnQualifiedCoreAttributePath() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(),
        "[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName\",\"value\":\"Smith\"}]");
    assertThat(out.getJsonObject("name").getString("familyName")).isEqualTo("Smith");
  }
}
