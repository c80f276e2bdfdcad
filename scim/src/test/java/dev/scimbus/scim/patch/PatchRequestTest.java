package dev.scimbus.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchRequestTest {

  private static ScimError parseFails(JsonObject body, PatchOptions options) {
    ScimError e = catchThrowableOfType(ScimError.class, () -> PatchRequest.parse(body, options));
    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e;
  }

  @Test
  void parsesOperationsInOrder() {
    List<PatchOperation> ops = PatchRequest.parse(PatchFixtures.body("""
        [{"op":"add","path":"members","value":[{"value":"a"}]},
         {"op":"remove","path":"members[value eq \\"b\\"]"},
         {"op":"replace","value":{"displayName":"x"}}]"""));
    assertThat(ops).extracting(PatchOperation::op).containsExactly("add", "remove", "replace");
    assertThat(ops.get(1).path()).isEqualTo("members[value eq \"b\"]");
    assertThat(ops.get(0).value()).isEqualTo(new JsonArray().add(new JsonObject().put("value", "a")));
    assertThat(ops.get(2).path()).isNull();
  }

  @Test
  void missingPatchOpSchemaIsInvalidSyntax() {
    JsonObject body = PatchFixtures.body("[{\"op\":\"remove\",\"path\":\"title\"}]")
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"));
    ScimError e = parseFails(body, PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidSyntax);
    assertThat(e.detail()).contains(PatchRequest.SCHEMA, "schemas");
    body.remove("schemas");
    assertThat(parseFails(body, PatchOptions.LENIENT).scimType()).isEqualTo(ScimType.invalidSyntax);
  }

  @Test
  void missingOrEmptyOperationsIsInvalidSyntax() {
    JsonObject body = PatchFixtures.body("[]");
    assertThat(parseFails(body, PatchOptions.LENIENT).detail()).contains("Operations");
    body.remove("Operations");
    assertThat(parseFails(body, PatchOptions.LENIENT).scimType()).isEqualTo(ScimType.invalidSyntax);
    body.put("Operations", "add");
    assertThat(parseFails(body, PatchOptions.LENIENT).scimType()).isEqualTo(ScimType.invalidSyntax);
  }

  @Test
  void operationThatIsNotAnObjectIsInvalidSyntaxWithPosition() {
    ScimError e = parseFails(PatchFixtures.body("[{\"op\":\"remove\",\"path\":\"title\"}, 7]"), PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidSyntax);
    assertThat(e.detail()).contains("Operations[1]");
  }

  @Test
  void unknownOpIsInvalidSyntaxNamingIt() {
    ScimError e = parseFails(PatchFixtures.body("[{\"op\":\"merge\",\"path\":\"title\",\"value\":\"x\"}]"),
        PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidSyntax);
    assertThat(e.detail()).contains("'merge'", "Operations[0]");
    assertThat(parseFails(PatchFixtures.body("[{\"path\":\"title\"}]"), PatchOptions.LENIENT).scimType())
        .isEqualTo(ScimType.invalidSyntax);
  }

  @Test
  void capitalizedOpsAcceptedOnlyWhenLenient() {
    JsonObject body = PatchFixtures.body("[{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"x\"}]");
    assertThat(PatchRequest.parse(body, PatchOptions.LENIENT)).hasSize(1);
    ScimError e = parseFails(body, PatchOptions.STRICT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidSyntax);
    assertThat(e.detail()).contains("'Replace'", "lower case");
  }

  @Test
  void removeWithoutPathIsNoTarget() {
    ScimError e = parseFails(PatchFixtures.body("[{\"op\":\"remove\"}]"), PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.noTarget);
  }

  @Test
  void addWithoutValueIsInvalidValue() {
    ScimError e = parseFails(PatchFixtures.body("[{\"op\":\"add\",\"path\":\"title\"}]"), PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidValue);
    assertThat(e.detail()).contains("value");
  }

  @Test
  void removeWithValueIsAcceptedOnlyWithTheMembersQuirk() {
    JsonObject body = PatchFixtures.body("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"id\"}]}]");
    assertThat(PatchRequest.parse(body, PatchOptions.LENIENT)).hasSize(1);
    JsonObject strict = PatchFixtures.body("[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"id\"}]}]");
    assertThat(parseFails(strict, PatchOptions.STRICT).scimType()).isEqualTo(ScimType.invalidSyntax);
  }

  @Test
  void nonStringPathIsInvalidSyntax() {
    ScimError e = parseFails(PatchFixtures.body("[{\"op\":\"remove\",\"path\":5}]"), PatchOptions.LENIENT);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidSyntax);
    assertThat(e.detail()).contains("path");
  }
}
