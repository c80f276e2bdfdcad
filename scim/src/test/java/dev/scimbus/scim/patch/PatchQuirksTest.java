package dev.scimbus.scim.patch;

import static dev.scimbus.scim.patch.PatchFixtures.GROUP;
import static dev.scimbus.scim.patch.PatchFixtures.USER;
import static dev.scimbus.scim.patch.PatchFixtures.ent;
import static dev.scimbus.scim.patch.PatchFixtures.fails;
import static dev.scimbus.scim.patch.PatchFixtures.group;
import static dev.scimbus.scim.patch.PatchFixtures.patch;
import static dev.scimbus.scim.patch.PatchFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.ScimType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Each Entra ID / Okta quirk accepted with its flag on and cleanly rejected with it off. */
class PatchQuirksTest {
  private static final PatchOptions STRICT = PatchOptions.STRICT;
  private static final PatchOptions LENIENT = PatchOptions.LENIENT;

  @Test
  void defaultsAreLenientAndStrictIsAllOff() {
    assertThat(LENIENT).isEqualTo(new PatchOptions(true, true, true, true, true, true, true));
    assertThat(STRICT).isEqualTo(new PatchOptions(false, false, false, false, false, false, false));
  }

  @Test
  void entraCapitalizedOps() {
    String ops = """
        [{"op":"Replace","path":"displayName","value":"B"},{"op":"Add","path":"nickName","value":"N"},
         {"op":"Remove","path":"title"}]""";
    JsonObject out = patch(LENIENT, USER, user(), ops);
    assertThat(out.getString("displayName")).isEqualTo("B");
    assertThat(out.getString("nickName")).isEqualTo("N");
    fails(STRICT, USER, user(), ops, ScimType.invalidSyntax, "'Replace'");
  }

  @Test
  void engineChecksOpCaseForHandBuiltOperations() {
    PatchEngine strict = new PatchEngine(PatchFixtures.REGISTRY, STRICT);
    JsonObject u = user();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.apply(USER, u,
            java.util.List.of(new PatchOperation("ADD", "title", "x"))))
        .isInstanceOf(dev.scimbus.scim.ScimError.class).hasMessageContaining("Operations[0]").hasMessageContaining("'ADD'");
  }

  @Test
  void entraBooleanStrings() {
    JsonObject out = patch(LENIENT, USER, user(), "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]");
    assertThat(out.getValue("active")).isEqualTo(Boolean.FALSE);
    out = patch(LENIENT, USER, out, "[{\"op\":\"replace\",\"value\":{\"active\":\"True\"}}]");
    assertThat(out.getValue("active")).isEqualTo(Boolean.TRUE);
    fails(STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"False\"}]",
        ScimType.invalidValue, "'active'", "boolean");
  }

  @Test
  void booleanStringsInsideElements() {
    JsonObject out = patch(LENIENT, USER, user(),
        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"x@y.z\",\"primary\":\"true\"}]}]");
    assertThat(out.getJsonArray("emails").getJsonObject(2).getValue("primary")).isEqualTo(Boolean.TRUE);
    fails(LENIENT, USER, user(), "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]",
        ScimType.invalidValue, "active");
  }

  @Test
  void entraRemoveMembersByValueArray() {
    String ops = """
        [{"op":"Remove","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"},
                                                  {"value":"not-a-member"}]}]""";
    JsonObject out = patch(LENIENT, GROUP, group(), ops);
    assertThat(out.getJsonArray("members")).hasSize(1);
    assertThat(out.getJsonArray("members").getJsonObject(0).getString("value"))
        .isEqualTo("902c246b-6245-4190-8e05-00816be7344a");
    fails(STRICT, GROUP, group(), ops.replace("Remove", "remove"), ScimType.invalidSyntax, "value");
  }

  @Test
  void removeMembersByValueObjectWithoutPath() {
    JsonObject out = patch(LENIENT, GROUP, group(), """
        [{"op":"remove","value":{"members":[{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}}]""");
    assertThat(out.getJsonArray("members")).hasSize(1);
    fails(STRICT, GROUP, group(), """
        [{"op":"remove","value":{"members":[{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}}]""",
        ScimType.invalidSyntax);
  }

  @Test
  void removeByValueOnSingleValuedAttributeIsRejected() {
    fails(LENIENT, GROUP, group(), "[{\"op\":\"remove\",\"path\":\"displayName\",\"value\":\"Tour Guides\"}]",
        ScimType.invalidSyntax, "multi-valued");
  }

  @Test
  void entraAddThroughFilterCreatesMissingElement() {
    JsonObject u = user();
    u.remove("emails");
    String ops = "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"x@y.z\"}]";
    JsonObject out = patch(LENIENT, USER, u, ops);
    assertThat(out.getJsonArray("emails"))
        .containsExactly(new JsonObject().put("type", "work").put("value", "x@y.z"));
    fails(STRICT, USER, u, ops, ScimType.invalidPath, "add", "emails[type eq \"work\"].value");
  }

  @Test
  void entraAddThroughFilterMergesIntoMatchingElement() {
    JsonObject out = patch(LENIENT, USER, user(),
        "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@example.com\"}]");
    JsonArray emails = out.getJsonArray("emails");
    assertThat(emails).hasSize(2);
    assertThat(emails.getJsonObject(0))
        .isEqualTo(new JsonObject().put("value", "new@example.com").put("type", "work").put("primary", true));
  }

  @Test
  void entraAddThroughFilterWithObjectValueMerges() {
    JsonObject out = patch(LENIENT, USER, user(),
        "[{\"op\":\"add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"]\",\"value\":{\"value\":\"555-1\"}}]");
    assertThat(out.getJsonArray("phoneNumbers").getJsonObject(1))
        .isEqualTo(new JsonObject().put("type", "mobile").put("value", "555-1"));
  }

  @Test
  void entraReplaceThroughUnmatchedFilterCreatesElementWhenLenient() {
    String ops = "[{\"op\":\"Replace\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"555-2\"}]";
    JsonObject out = patch(LENIENT, USER, user(), ops);
    assertThat(out.getJsonArray("phoneNumbers")).hasSize(2);
    assertThat(out.getJsonArray("phoneNumbers").getJsonObject(1))
        .isEqualTo(new JsonObject().put("type", "mobile").put("value", "555-2"));
    fails(STRICT, USER, user(), ops.replace("Replace", "replace"), ScimType.noTarget, "phoneNumbers");
  }

  @Test
  void filterThatDescribesNoSingleElementCannotCreateOne() {
    fails(LENIENT, USER, user(),
        "[{\"op\":\"replace\",\"path\":\"emails[type ne \\\"work\\\" and type ne \\\"home\\\"].value\",\"value\":\"a\"}]",
        ScimType.noTarget, "eq");
  }

  @Test
  void entraManagerAsString() {
    String ops = """
        [{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-id"}]""";
    JsonObject out = patch(LENIENT, USER, user(), ops);
    assertThat(ent(out).getJsonObject("manager").getString("value")).isEqualTo("mgr-id");
    JsonObject noManager = user();
    ent(noManager).remove("manager");
    assertThat(ent(patch(LENIENT, USER, noManager, ops)).getJsonObject("manager"))
        .isEqualTo(new JsonObject().put("value", "mgr-id"));
    fails(STRICT, USER, user(), ops.replace("Replace", "replace"), ScimType.invalidValue, "manager", "complex");
  }

  @Test
  void managerAsObjectWorksInBothModes() {
    JsonObject out = patch(STRICT, USER, user(), """
        [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
          "value":{"value":"m2"}}]""");
    // complex single-valued replace merges sub-attributes: value changes, displayName stays
    assertThat(ent(out).getJsonObject("manager").getString("value")).isEqualTo("m2");
  }

  @Test
  void caseInsensitiveAttributeNamesAreNormalized() {
    JsonObject out = patch(LENIENT, USER, user(), """
        [{"op":"replace","path":"Emails[Type eq \\"work\\"].Value","value":"a@b.c"},
         {"op":"replace","value":{"DisplayName":"Babs","NAME":{"GivenName":"B"}}},
         {"op":"add","path":"NickName","value":"n"}]""");
    assertThat(out.getJsonArray("emails").getJsonObject(0).getString("value")).isEqualTo("a@b.c");
    assertThat(out.getString("displayName")).isEqualTo("Babs");
    assertThat(out.getJsonObject("name").getString("givenName")).isEqualTo("B");
    assertThat(out.getString("nickName")).isEqualTo("n");
    assertThat(out.fieldNames()).doesNotContain("DisplayName", "NAME", "NickName");
  }

  @Test
  void attributeNamesSpelledDifferentlyAreRejectedWhenStrict() {
    fails(STRICT, USER, user(), "[{\"op\":\"add\",\"path\":\"NickName\",\"value\":\"n\"}]",
        ScimType.invalidPath, "NickName", "nickName");
    fails(STRICT, USER, user(), "[{\"op\":\"replace\",\"value\":{\"DisplayName\":\"Babs\"}}]",
        ScimType.invalidValue, "displayName");
    fails(STRICT, USER, user(), "[{\"op\":\"replace\",\"path\":\"emails[Type eq \\\"work\\\"].value\",\"value\":\"a\"}]",
        ScimType.invalidPath, "Type");
  }

  @Test
  void oktaPathlessReplaceWithActive() {
    JsonObject out = patch(STRICT, USER, user(), "[{\"op\":\"replace\",\"value\":{\"active\":false}}]");
    assertThat(out.getBoolean("active")).isFalse();
  }

  @Test
  void oktaPathlessReplaceEchoingReadOnlyAttributes() {
    String ops = """
        [{"op":"replace","value":{"id":"something-else","schemas":["x"],"active":false,
          "meta":{"resourceType":"User"}}}]""";
    JsonObject out = patch(LENIENT, USER, user(), ops);
    assertThat(out.getBoolean("active")).isFalse();
    assertThat(out.getString("id")).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(out.getJsonObject("meta")).isEqualTo(user().getJsonObject("meta"));
    fails(STRICT, USER, user(), ops, ScimType.mutability, "'id'", "read-only");
  }

  @Test
  void readOnlyAttributeEqualToCurrentIsIgnoredEvenWhenStrict() {
    JsonObject out = patch(STRICT, USER, user(), """
        [{"op":"replace","value":{"id":"2819c223-7f76-453a-919d-413861904646","active":false}}]""");
    assertThat(out.getBoolean("active")).isFalse();
  }
}
