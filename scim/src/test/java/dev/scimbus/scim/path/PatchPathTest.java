package dev.scimbus.scim.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.Filter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchPathTest {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";

  private static Filter eq(String attr, Object value) {
    return new Filter.Compare(AttributePath.of(attr), CompareOp.EQ, value);
  }

  static Stream<Arguments> valid() {
    Filter work = eq("type", "work");
    return Stream.of(
        arguments("userName", new PatchPath(AttributePath.of("userName"), null, null)),
        arguments("name.givenName", new PatchPath(AttributePath.of("name", "givenName"), null, null)),
        arguments("members", new PatchPath(AttributePath.of("members"), null, null)),
        arguments("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
            new PatchPath(AttributePath.of("members"), eq("value", "2819c223-7f76-453a-919d-413861904646"), null)),
        arguments("emails[type eq \"work\"].value", new PatchPath(AttributePath.of("emails"), work, "value")),
        arguments("emails[type eq \"work\" and primary eq true].display",
            new PatchPath(AttributePath.of("emails"), new Filter.And(work, eq("primary", true)), "display")),
        arguments(ENT + ":manager", new PatchPath(new AttributePath(ENT, "manager", null), null, null)),
        arguments(ENT + ":manager.value", new PatchPath(new AttributePath(ENT, "manager", "value"), null, null)),
        arguments(CORE + ":emails[type eq \"work\"]", new PatchPath(new AttributePath(CORE, "emails", null), work, null)),
        arguments(CORE + ":emails[type eq \"work\"].value", new PatchPath(new AttributePath(CORE, "emails", null), work, "value")),
        arguments("  addresses[type eq \"work\"].streetAddress  ",
            new PatchPath(AttributePath.of("addresses"), work, "streetAddress")),
        arguments("members[$ref pr]", new PatchPath(AttributePath.of("members"), new Filter.Present(AttributePath.of("$ref")), null)),
        arguments("Emails[Type EQ \"Work\"].Value", new PatchPath(AttributePath.of("Emails"), eq("Type", "Work"), "Value")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parses(String text, PatchPath expected) {
    PatchPath parsed = PatchPath.parse(text);
    assertThat(parsed).isEqualTo(expected);
    assertThat(PatchPath.parse(parsed.toString())).isEqualTo(parsed);
    assertThat(parsed.toString()).isEqualTo(text.strip().replace("EQ", "eq"));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("", "empty"),
        arguments(null, "empty"),
        arguments("emails[type eq \"work\"", "Expected ']', 'and' or 'or' at position 22"),
        arguments("emails[type eq \"work\"].", "Expected a sub-attribute name at position 24"),
        arguments("emails[type eq \"work\"].value.x", "Expected a sub-attribute name at position 24"),
        arguments("emails[type eq \"work\"]x", "Expected '.' followed by a sub-attribute name"),
        arguments("emails[type equals \"work\"]", "Expected an operator"),
        arguments("emails[type[value eq 1]]", "cannot be nested"),
        arguments("name.givenName[x eq 1]", "not to the sub-attribute 'name.givenName'"),
        arguments("userName eq \"x\"", "Expected '[' or the end of the path at position 9"),
        arguments("a.b.c", "at most one '.'"),
        arguments("urn:foo", "Expected a schema URN"),
        arguments("1abc", "Expected an attribute name"),
        arguments("emails[]", "Expected an attribute path"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejectsAsInvalidPath(String text, String fragment) {
    ScimError e = catchThrowableOfType(ScimError.class, () -> PatchPath.parse(text));
    assertThat(e).as("parse(%s) must fail", text).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidPath);
    assertThat(e.detail()).contains(fragment);
  }
}
