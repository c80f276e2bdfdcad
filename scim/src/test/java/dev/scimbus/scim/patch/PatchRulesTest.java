package dev.scimbus.scim.patch;

import static dev.scimbus.scim.patch.PatchFixtures.GROUP;
import static dev.scimbus.scim.patch.PatchFixtures.USER;
import static dev.scimbus.scim.patch.PatchFixtures.fails;
import static dev.scimbus.scim.patch.PatchFixtures.group;
import static dev.scimbus.scim.patch.PatchFixtures.patch;
import static dev.scimbus.scim.patch.PatchFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutability, required attributes, targets, paths, types, primary and atomicity. */
class PatchRulesTest {

  @Test
  void readOnlyAttributesCannotBeChanged() {
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}]", ScimType.mutability, "'id'");
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}]",
        ScimType.mutability, "groups");
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"groups\"}]", ScimType.mutability, "groups");
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"meta.lastModified\",\"value\":\"2024-01-01T00:00:00Z\"}]",
        ScimType.mutability, "meta");
  }

  @Test
  void readOnlySubAttributeNamedByPathIsMutabilityError() {
    fails(USER, user(), """
        [{"op":"replace","path":"groups.display","value":"X"}]""",
        ScimType.mutability, "groups");
    fails(USER, user(), """
        [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName","value":"X"}]""",
        ScimType.mutability, "displayName");
  }

  @Test
  void immutableSubAttributeCanBeSetWhenAbsentButNotChanged() {
    JsonObject g = group();
    g.getJsonArray("members").getJsonObject(0).remove("type");
    JsonObject out = patch(GROUP, g, """
        [{"op":"add","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"].type","value":"User"}]""");
    assertThat(out.getJsonArray("members").getJsonObject(0).getString("type")).isEqualTo("User");
    fails(GROUP, out, """
        [{"op":"replace","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"].value","value":"other"}]""",
        ScimType.mutability, "immutable");
    fails(GROUP, out, """
        [{"op":"remove","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"].type"}]""",
        ScimType.mutability, "immutable");
  }

  @Test
  void requiredAttributesCannotBeRemoved() {
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"userName\"}]", ScimType.invalidValue,
        "userName is required".replace("userName is", "'userName' is"));
    fails(GROUP, group(), "[{\"op\":\"remove\",\"path\":\"displayName\"}]", ScimType.invalidValue, "required");
    fails(USER, user(), "[{\"op\":\"replace\",\"value\":{\"userName\":null}}]", ScimType.invalidValue, "userName");
  }

  @Test
  void replaceWithNullRemovesOptionalAttribute() {
    JsonObject out = patch(USER, user(), "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":null},"
        + "{\"op\":\"add\",\"value\":{\"externalId\":null}}]");
    assertThat(out.containsKey("displayName")).isFalse();
    assertThat(out.containsKey("externalId")).isFalse();
  }

  @Test
  void filterMatchingNothingIsNoTarget() {
    fails(PatchOptions.STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"]\","
        + "\"value\":{\"value\":\"x\"}}]", ScimType.noTarget, "emails[type eq \"other\"]");
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"other\\\"]\"}]", ScimType.noTarget, "emails");
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"other\\\"].value\"}]", ScimType.noTarget);
  }

  @Test
  void removingANonMemberSucceeds() {
    JsonObject out = patch(PatchOptions.STRICT, GROUP, group(),
        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"not-a-member\\\"]\"}]");
    assertThat(out).isEqualTo(group());
  }

  @Test
  void replaceThroughFilterReplacesEveryMatchingElement() {
    JsonObject u = user();
    u.getJsonArray("emails").getJsonObject(1).put("type", "work");
    JsonObject out = patch(PatchOptions.STRICT, USER, u,
        "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"]\",\"value\":{\"value\":\"same@x.y\",\"type\":\"work\"}}]");
    assertThat(out.getJsonArray("emails")).hasSize(2)
        .allSatisfy(e -> assertThat(((JsonObject) e).getString("value")).isEqualTo("same@x.y"));
  }

  @Test
  void complexFilterSelectsElements() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), """
        [{"op":"remove","path":"emails[type eq \\"home\\" or value ew \\"nowhere.org\\"]"}]""");
    assertThat(out.getJsonArray("emails")).hasSize(1);
    assertThat(out.getJsonArray("emails").getJsonObject(0).getString("type")).isEqualTo("work");
  }

  @Test
  void subAttributeOfMultiValuedWithoutFilterAppliesToEveryElement() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"emails.display\",\"value\":\"d\"}]");
    assertThat(out.getJsonArray("emails")).allSatisfy(e -> assertThat(((JsonObject) e).getString("display")).isEqualTo("d"));
    out = patch(PatchOptions.STRICT, USER, out, "[{\"op\":\"remove\",\"path\":\"emails.display\"}]");
    assertThat(out.getJsonArray("emails")).isEqualTo(user().getJsonArray("emails"));
  }

  @Test
  void unknownAttributeInPathIsInvalidPathNamingIt() {
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"shoeSize\",\"value\":\"42\"}]", ScimType.invalidPath, "shoeSize");
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"name.shoeSize\",\"value\":\"42\"}]", ScimType.invalidPath, "shoeSize");
    fails(GROUP, group(), "[{\"op\":\"add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\","
        + "\"value\":\"m\"}]", ScimType.invalidPath, "Group");
  }

  @Test
  void malformedPathIsInvalidPath() {
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"emails[type eq \",\"value\":\"x\"}]", ScimType.invalidPath);
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"work\\\"]x\",\"value\":\"x\"}]",
        ScimType.invalidPath);
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"   \"}]", ScimType.invalidPath);
  }

  @Test
  void filterOnUnknownSubAttributeOrSingleValuedAttributeIsInvalidPath() {
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"emails[shoe eq \\\"x\\\"]\"}]", ScimType.invalidPath, "shoe");
    fails(USER, user(), "[{\"op\":\"remove\",\"path\":\"name[givenName eq \\\"x\\\"]\"}]", ScimType.invalidPath,
        "multi-valued");
  }

  @Test
  void unknownAttributeInValueObjectIsInvalidValue() {
    fails(USER, user(), "[{\"op\":\"add\",\"value\":{\"shoeSize\":42}}]", ScimType.invalidValue, "shoeSize");
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"shoe\":\"x\"}}]", ScimType.invalidValue,
        "shoe", "givenName");
  }

  @Test
  void pathlessValueMustBeAnObject() {
    fails(USER, user(), "[{\"op\":\"replace\",\"value\":\"active\"}]", ScimType.invalidValue, "object");
  }

  @Test
  void valuesAreTypeChecked() {
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":5}]", ScimType.invalidValue,
        "displayName", "string");
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"active\",\"value\":1}]", ScimType.invalidValue, "boolean");
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"name\",\"value\":\"Babs\"}]", ScimType.invalidValue,
        "complex");
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"title\",\"value\":[\"a\"]}]", ScimType.invalidValue,
        "single-valued");
    fails(USER, user(), "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":true}]}]", ScimType.invalidValue,
        "emails.value");
  }

  @Test
  void singleValueForMultiValuedAttributeIsWrapped() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"roles\",\"value\":{\"value\":\"r\"}}]");
    assertThat(out.getJsonArray("roles")).containsExactly(new JsonObject().put("value", "r"));
  }

  @Test
  void customTypesAreAccepted() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(),
        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"s@x.y\",\"type\":\"school\"}}]");
    assertThat(out.getJsonArray("emails").getJsonObject(2).getString("type")).isEqualTo("school");
  }

  @Test
  void newPrimaryClearsTheOthers() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(),
        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"p@x.y\",\"primary\":true}]}]");
    JsonArray emails = out.getJsonArray("emails");
    assertThat(emails.stream().filter(e -> Boolean.TRUE.equals(((JsonObject) e).getValue("primary")))).hasSize(1);
    assertThat(emails.getJsonObject(2).getBoolean("primary")).isTrue();
  }

  @Test
  void primaryThroughFilterClearsTheOthers() {
    JsonObject out = patch(PatchOptions.STRICT, USER, user(),
        "[{\"op\":\"replace\",\"path\":\"addresses[type eq \\\"home\\\"].primary\",\"value\":true}]");
    assertThat(out.getJsonArray("addresses").getJsonObject(1).getBoolean("primary")).isTrue();
    assertThat(out.getJsonArray("addresses").getJsonObject(0).containsKey("primary")).isFalse();
  }

  @Test
  void twoPrimariesInOneValueIsInvalidValue() {
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"a\",\"primary\":true},"
        + "{\"value\":\"b\",\"primary\":true}]}]", ScimType.invalidValue, "primary");
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"emails.primary\",\"value\":true}]", ScimType.invalidValue,
        "primary");
  }

  @Test
  void failingThirdOperationLeavesInputUntouched() {
    JsonObject u = user();
    JsonObject before = u.copy();
    ScimError e = fails(USER, u, """
        [{"op":"replace","path":"displayName","value":"Changed"},
         {"op":"remove","path":"emails[type eq \\"home\\"]"},
         {"op":"replace","path":"id","value":"hijack"}]""", ScimType.mutability);
    assertThat(e.detail()).startsWith("Operations[2]");
    assertThat(u).isEqualTo(before);
  }

  @Test
  void successfulPatchReturnsNewObjectAndLeavesInputUntouched() {
    JsonObject u = user();
    JsonObject out = patch(USER, u, "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"work\\\"].display\",\"value\":\"W\"}]");
    assertThat(out).isNotSameAs(u);
    assertThat(u).isEqualTo(user());
    assertThat(out.getJsonArray("emails").getJsonObject(0).getString("display")).isEqualTo("W");
  }

  @Test
  void readOnlyDateTimeAndHandBuiltOperations() {
    fails(USER, user(), "[{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"yesterday\"}]", ScimType.mutability);
    PatchEngine engine = new PatchEngine(PatchFixtures.REGISTRY, PatchOptions.LENIENT);
    JsonObject u = user();
    assertThat(engine.apply(USER, u, List.of(PatchOperation.replace("name", new JsonObject().put("givenName", "A"))))
        .getJsonObject("name").getString("givenName")).isEqualTo("A");
  }

  @Test
  void readOnlyInputIsCopiedNotShared() {
    JsonObject g = group();
    JsonObject out = patch(GROUP, g, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"n\"}]}]");
    out.getJsonArray("members").getJsonObject(0).put("value", "mutated");
    assertThat(g).isEqualTo(group());
  }
}
