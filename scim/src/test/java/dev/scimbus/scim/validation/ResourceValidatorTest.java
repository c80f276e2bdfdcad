package dev.scimbus.scim.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceValidatorTest {
  static final String USER = SchemaRegistry.USER;
  static final String ENT = SchemaRegistry.ENTERPRISE_USER;
  static final String GROUP = SchemaRegistry.GROUP;

  final SchemaRegistry registry = SchemaRegistry.defaults();
  final ResourceType users = registry.resourceType("User").orElseThrow();
  final ResourceType groups = registry.resourceType("Group").orElseThrow();
  final ResourceValidator validator = new ResourceValidator(registry, ValidationOptions.DEFAULT);

  static JsonObject user(String moreFields) {
    JsonObject base = new JsonObject().put("schemas", new JsonArray().add(USER)).put("userName", "bjensen");
    return base.mergeIn(new JsonObject(moreFields));
  }

  static void rejected(ThrowingCallable call, ScimType type, String... detailParts) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ScimError.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo(type);
      assertThat(e.detail()).contains(detailParts);
    });
  }

  @Nested
  class Rfc7643Resources {
    @Test
    void minimalUserIsValidAndLosesOnlyReadOnlyAttributes() {
      JsonObject out = validator.validateCreate(users, Rfc7643Examples.minimalUser());
      assertThat(out).isEqualTo(new JsonObject().put("schemas", new JsonArray().add(USER)).put("userName", "bjensen@example.com"));
    }

    @Test
    void fullEnterpriseUserIsValid() {
      JsonObject in = Rfc7643Examples.enterpriseUser();
      JsonObject out = validator.validateCreate(users, in);
      assertThat(out.getJsonArray("schemas")).containsExactly(USER, ENT);
      assertThat(out.getJsonArray("emails")).hasSize(2);
      assertThat(out.getString("password")).isEqualTo("t1meMa$heen");
      assertThat(out.getJsonObject(ENT).getString("department")).isEqualTo("Tour Operations");
      // readOnly: groups, id, meta and manager.displayName are dropped
      assertThat(out.fieldNames()).doesNotContain("id", "meta", "groups");
      assertThat(out.getJsonObject(ENT).getJsonObject("manager").fieldNames()).containsExactlyInAnyOrder("value", "$ref");
    }

    @Test
    void groupIsValidAndMemberDisplayIsKept() {
      JsonObject out = validator.validateCreate(groups, Rfc7643Examples.group());
      assertThat(out.getString("displayName")).isEqualTo("Tour Guides");
      JsonArray members = out.getJsonArray("members");
      assertThat(members).hasSize(2);
      // members.display is writable: Entra ID sends it and expects it back
      assertThat(members.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("value", "$ref", "display");
    }

    @Test
    void inputIsNeverModified() {
      JsonObject in = Rfc7643Examples.enterpriseUser();
      JsonObject before = in.copy();
      validator.validateCreate(users, in);
      assertThat(in).isEqualTo(before);
    }

    @Test
    void storedFullUserPassesValidateStored() {
      validator.validateStored(users, Rfc7643Examples.enterpriseUser());
      validator.validateStored(groups, Rfc7643Examples.group());
    }
  }

  @Nested
  class Schemas {
    @Test
    void missingSchemasIsRejected() {
      rejected(() -> validator.validateCreate(users, new JsonObject().put("userName", "x")),
          ScimType.invalidValue, "'schemas' is required", USER);
    }

    @Test
    void schemasThatIsNotAnArrayIsInvalidSyntax() {
      rejected(() -> validator.validateCreate(users, user("{}").put("schemas", 5)), ScimType.invalidSyntax, "'schemas'");
    }

    @Test
    void schemasWithoutTheCoreSchemaIsRejected() {
      rejected(() -> validator.validateCreate(users, user("{}").put("schemas", new JsonArray().add(ENT))),
          ScimType.invalidValue, "must contain " + USER);
    }

    @Test
    void groupSchemaOnAUserIsAnUnknownSchema() {
      rejected(() -> validator.validateCreate(users, user("{}").put("schemas", new JsonArray().add(USER).add(GROUP))),
          ScimType.invalidValue, "Unknown schema '" + GROUP + "'");
    }

    @Test
    void unknownSchemaUrnIsNamed() {
      rejected(() -> validator.validateCreate(users, user("{}").put("schemas", new JsonArray().add(USER).add("urn:acme:Foo"))),
          ScimType.invalidValue, "urn:acme:Foo");
    }

    @Test
    void urnsInAnyCaseAreNormalized() {
      JsonObject in = user("{}").put("schemas", new JsonArray().add(USER.toUpperCase()).add(ENT.toLowerCase()));
      in.put(ENT.toUpperCase(), new JsonObject().put("department", "Sales"));
      JsonObject out = validator.validateCreate(users, in);
      assertThat(out.getJsonArray("schemas")).containsExactly(USER, ENT);
      assertThat(out.getJsonObject(ENT).getString("department")).isEqualTo("Sales");
    }

    @Test
    void extensionDataWithoutItsUrnInSchemasGetsTheUrnAdded() {
      JsonObject out = validator.validateCreate(users, user("{}").put(ENT, new JsonObject().put("costCenter", "42")));
      assertThat(out.getJsonArray("schemas")).containsExactly(USER, ENT);
    }

    @Test
    void extensionThatIsNotAnObjectIsRejected() {
      rejected(() -> validator.validateCreate(users, user("{}").put(ENT, "Sales")), ScimType.invalidValue, ENT, "JSON object");
    }

    @Test
    void unknownAttributeInsideExtensionNamesItsFullPath() {
      rejected(() -> validator.validateCreate(users, user("{}").put(ENT, new JsonObject().put("shoeSize", "9"))),
          ScimType.invalidValue, "Unknown attribute '" + ENT + ":shoeSize'");
    }

    @Test
    void emptyExtensionObjectIsDroppedButItsListedUrnStays() {
      JsonObject in = user("{}").put("schemas", new JsonArray().add(USER).add(ENT)).put(ENT, new JsonObject());
      JsonObject out = validator.validateCreate(users, in);
      assertThat(out.containsKey(ENT)).isFalse();
      assertThat(out.getJsonArray("schemas")).containsExactly(USER, ENT);
    }
  }

  @Nested
  class RequiredAndReadOnly {
    @Test
    void missingUserNameIsRequired() {
      rejected(() -> validator.validateCreate(users, new JsonObject().put("schemas", new JsonArray().add(USER))),
          ScimType.invalidValue, "Attribute 'userName' is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "null"})
    void blankOrNullUserNameIsRequired(String value) {
      rejected(() -> validator.validateCreate(users, user("{\"userName\": " + value + "}")),
          ScimType.invalidValue, "Attribute 'userName' is required");
    }

    @Test
    void groupWithoutDisplayNameIsRejected() {
      rejected(() -> validator.validateCreate(groups, new JsonObject().put("schemas", new JsonArray().add(GROUP))),
          ScimType.invalidValue, "Attribute 'displayName' is required");
    }

    @Test
    void readOnlyAttributesAreDroppedSilently() {
      JsonObject out = validator.validateCreate(users, user("""
          {"id": "client-chosen", "meta": {"version": "W/\\"1\\""}, "groups": [{"value": "g1"}]}"""));
      assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "userName");
    }

    @Test
    void readOnlyValuesAreNotTypeCheckedSinceTheyAreIgnored() {
      JsonObject out = validator.validateCreate(users, user("{\"meta\": 42, \"groups\": \"x\"}"));
      assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "userName");
    }

    @Test
    void validateStoredKeepsReadOnlyAttributes() {
      JsonObject out = validator.normalizeStored(users, Rfc7643Examples.minimalUser());
      assertThat(out.getString("id")).isEqualTo("2819c223-7f76-453a-919d-413861904646");
      assertThat(out.getJsonObject("meta").getString("resourceType")).isEqualTo("User");
    }

    @Test
    void validateStoredRejectsAMissingRequiredAttribute() {
      JsonObject stored = Rfc7643Examples.minimalUser();
      stored.remove("userName");
      rejected(() -> validator.validateStored(users, stored), ScimType.invalidValue, "'userName' is required");
    }

    @Test
    void validateStoredRejectsWrongTypes() {
      JsonObject stored = Rfc7643Examples.minimalUser().put("active", 1);
      rejected(() -> validator.validateStored(users, stored), ScimType.invalidValue, "'active'", "boolean");
    }

    @Test
    void validateStoredRejectsTwoPrimaries() {
      JsonObject stored = Rfc7643Examples.minimalUser().put("emails", new JsonArray()
          .add(new JsonObject().put("value", "a@x").put("primary", true))
          .add(new JsonObject().put("value", "b@x").put("primary", true)));
      rejected(() -> validator.validateStored(users, stored), ScimType.invalidValue, "emails[1].primary");
    }
  }

  @Nested
  class Types {
    @ParameterizedTest
    @ValueSource(strings = {"\"True\"", "\"true\"", "\"TRUE\""})
    void booleanStringsAreCoercedByDefault(String value) {
      assertThat(validator.validateCreate(users, user("{\"active\": " + value + "}")).getValue("active")).isEqualTo(true);
    }

    @Test
    void falseStringIsCoercedToFalse() {
      assertThat(validator.validateCreate(users, user("{\"active\": \"False\"}")).getValue("active")).isEqualTo(false);
    }

    @Test
    void booleanStringsAreRejectedWhenTheOptionIsOff() {
      ResourceValidator strict = new ResourceValidator(registry, new ValidationOptions(false, false, true));
      rejected(() -> strict.validateCreate(users, user("{\"active\": \"True\"}")), ScimType.invalidValue, "'active'", "boolean");
    }

    @Test
    void otherStringsForBooleansAreRejected() {
      rejected(() -> validator.validateCreate(users, user("{\"active\": \"yes\"}")), ScimType.invalidValue, "'active'");
    }

    @Test
    void numberForAStringIsRejected() {
      rejected(() -> validator.validateCreate(users, user("{\"userName\": 12}")), ScimType.invalidValue,
          "'userName' must be a string", "number 12");
    }

    @Test
    void stringSubAttributeTypeErrorNamesTheElementPath() {
      rejected(() -> validator.validateCreate(users, user("{\"emails\": [{\"value\": \"a@x\"}, {\"value\": true}]}")),
          ScimType.invalidValue, "'emails[1].value'");
    }

    @Test
    void complexAttributeMustBeAnObject() {
      rejected(() -> validator.validateCreate(users, user("{\"name\": \"Barbara\"}")), ScimType.invalidValue,
          "'name' must be a JSON object");
    }

    @Test
    void binaryMustBeBase64() {
      rejected(() -> validator.validateCreate(users, user("{\"x509Certificates\": [{\"value\": \"not base64!\"}]}")),
          ScimType.invalidValue, "'x509Certificates[0].value'", "base64");
    }

    @Test
    void binaryWithLineBreaksIsAccepted() {
      JsonObject out = validator.validateCreate(users, user("{\"x509Certificates\": [{\"value\": \"TUlJ\\nRFF6\"}]}"));
      assertThat(out.getJsonArray("x509Certificates").getJsonObject(0).getString("value")).isEqualTo("TUlJ\nRFF6");
    }

    @Test
    void referenceMustBeAString() {
      rejected(() -> validator.validateCreate(users, user("{\"profileUrl\": 3}")), ScimType.invalidValue, "'profileUrl'");
    }

    @Test
    void externalIdMustBeAString() {
      rejected(() -> validator.validateCreate(users, user("{\"externalId\": 701984}")), ScimType.invalidValue, "'externalId'");
      assertThat(validator.validateCreate(users, user("{\"externalId\": \"701984\"}")).getString("externalId")).isEqualTo("701984");
    }

    @Test
    void passwordIsKeptAsSent() {
      assertThat(validator.validateCreate(users, user("{\"password\": \"t1meMa$heen\"}")).getString("password"))
          .isEqualTo("t1meMa$heen");
    }

    @Test
    void singleValuedAttributeGivenAnArrayIsRejected() {
      rejected(() -> validator.validateCreate(users, user("{\"displayName\": [\"Babs\"]}")), ScimType.invalidValue,
          "'displayName' is single-valued");
    }

    @Test
    void singleValueForAMultiValuedAttributeIsWrapped() {
      JsonObject out = validator.validateCreate(users, user("{\"emails\": {\"value\": \"a@x\", \"type\": \"work\"}}"));
      assertThat(out.getJsonArray("emails")).containsExactly(new JsonObject().put("value", "a@x").put("type", "work"));
    }

    @Test
    void nestedArraysInAMultiValuedAttributeAreRejected() {
      rejected(() -> validator.validateCreate(users, user("{\"emails\": [[{\"value\": \"a@x\"}]]}")), ScimType.invalidValue,
          "'emails[0]'");
    }

    @Test
    void unknownCanonicalValuesAreAccepted() {
      JsonObject out = validator.validateCreate(users, user("{\"emails\": [{\"value\": \"a@x\", \"type\": \"work2\"}]}"));
      assertThat(out.getJsonArray("emails").getJsonObject(0).getString("type")).isEqualTo("work2");
    }
  }

  @Nested
  class DateTimesAndNumbers {
    final SchemaRegistry custom = SchemaRegistry.builder()
        .addSchema(Schema.fromJson(new JsonObject("""
            {"id": "urn:acme:User", "name": "Acme", "attributes": [
              {"name": "hired", "type": "dateTime"},
              {"name": "level", "type": "integer"},
              {"name": "score", "type": "decimal"},
              {"name": "badge", "type": "string", "mutability": "immutable"},
              {"name": "tags", "type": "string", "multiValued": true}
            ]}""")))
        .addExtension("User", "urn:acme:User", false)
        .build();
    final ResourceType acmeUsers = custom.resourceType("User").orElseThrow();
    final ResourceValidator v = new ResourceValidator(custom, ValidationOptions.DEFAULT);

    JsonObject acme(Object field, Object value) {
      return user("{}").put("urn:acme:User", new JsonObject().put((String) field, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-01-23T04:56:22Z", "2010-01-23T04:56:22.123+02:00", "2010-01-23T04:56:22"})
    void rfc3339AndXsdDateTimesAreAccepted(String value) {
      assertThat(v.validateCreate(acmeUsers, acme("hired", value)).getJsonObject("urn:acme:User").getString("hired"))
          .isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2010-13-45T00:00:00Z", "2010-01-23"})
    void otherDateTimesAreRejected(String value) {
      rejected(() -> v.validateCreate(acmeUsers, acme("hired", value)), ScimType.invalidValue, "urn:acme:User:hired");
    }

    @Test
    void integerAcceptsWholeNumbersOnly() {
      assertThat(v.validateCreate(acmeUsers, acme("level", 3)).getJsonObject("urn:acme:User").getValue("level")).isEqualTo(3);
      assertThat(v.validateCreate(acmeUsers, acme("level", 3.0)).getJsonObject("urn:acme:User").getValue("level")).isEqualTo(3L);
      rejected(() -> v.validateCreate(acmeUsers, acme("level", 3.5)), ScimType.invalidValue, "'urn:acme:User:level'", "integer");
      rejected(() -> v.validateCreate(acmeUsers, acme("level", "3")), ScimType.invalidValue, "integer");
    }

    @Test
    void decimalAcceptsNumbersButNotStringsOrNaN() {
      assertThat(v.validateCreate(acmeUsers, acme("score", 1.5)).getJsonObject("urn:acme:User").getValue("score")).isEqualTo(1.5);
      rejected(() -> v.validateCreate(acmeUsers, acme("score", "1.5")), ScimType.invalidValue, "number");
      rejected(() -> v.validateCreate(acmeUsers, acme("score", Double.NaN)), ScimType.invalidValue, "number");
    }

    @Test
    void multiValuedSimpleAttributeIsWrappedAndChecked() {
      assertThat(v.validateCreate(acmeUsers, acme("tags", "a")).getJsonObject("urn:acme:User").getJsonArray("tags"))
          .containsExactly("a");
      rejected(() -> v.validateCreate(acmeUsers, acme("tags", new JsonArray().add("a").add(2))), ScimType.invalidValue,
          "'urn:acme:User:tags[1]'");
    }

    @Test
    void replaceMayRepeatAnImmutableValue() {
      JsonObject existing = acme("badge", "B-1");
      JsonObject out = v.validateReplace(acmeUsers, existing, acme("badge", "B-1"));
      assertThat(out.getJsonObject("urn:acme:User").getString("badge")).isEqualTo("B-1");
    }

    @Test
    void replaceMayNotChangeAnImmutableValue() {
      rejected(() -> v.validateReplace(acmeUsers, acme("badge", "B-1"), acme("badge", "B-2")), ScimType.mutability,
          "urn:acme:User:badge", "immutable");
    }

    @Test
    void replaceMayNotDropAnImmutableValue() {
      rejected(() -> v.validateReplace(acmeUsers, acme("badge", "B-1"), user("{}")), ScimType.mutability, "badge");
    }

    @Test
    void replaceMaySetAnImmutableValueThatWasUnset() {
      JsonObject out = v.validateReplace(acmeUsers, user("{}"), acme("badge", "B-9"));
      assertThat(out.getJsonObject("urn:acme:User").getString("badge")).isEqualTo("B-9");
    }
  }

  @Nested
  class NamesAndUnknowns {
    @Test
    void unknownAttributeIsRejectedByDefault() {
      rejected(() -> validator.validateCreate(users, user("{\"foo\": 1}")), ScimType.invalidValue,
          "Unknown attribute 'foo' for resource type User");
    }

    @Test
    void unknownAttributeIsDroppedWhenIgnored() {
      ResourceValidator lenient = new ResourceValidator(registry, new ValidationOptions(true, true, true));
      JsonObject out = lenient.validateCreate(users, user("{\"foo\": 1, \"name\": {\"givenName\": \"B\", \"bar\": 2}}"));
      assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "userName", "name");
      assertThat(out.getJsonObject("name").fieldNames()).containsExactly("givenName");
    }

    @Test
    void unknownSubAttributeIsNamedWithItsParent() {
      rejected(() -> validator.validateCreate(users, user("{\"name\": {\"nickname\": \"B\"}}")), ScimType.invalidValue,
          "'name.nickname'");
    }

    @Test
    void namesAreNormalizedToTheSchemaSpelling() {
      JsonObject in = new JsonObject().put("SCHEMAS", new JsonArray().add(USER)).put("USERNAME", "b")
          .put("Emails", new JsonArray().add(new JsonObject().put("VALUE", "a@x").put("Primary", true)));
      JsonObject out = validator.validateCreate(users, in);
      assertThat(out).isEqualTo(new JsonObject().put("schemas", new JsonArray().add(USER)).put("userName", "b")
          .put("emails", new JsonArray().add(new JsonObject().put("value", "a@x").put("primary", true))));
    }

    @Test
    void caseSensitiveNamesMakeOtherSpellingsUnknown() {
      ResourceValidator exact = new ResourceValidator(registry, new ValidationOptions(false, true, false));
      rejected(() -> exact.validateCreate(users, user("{\"DisplayName\": \"B\"}")), ScimType.invalidValue,
          "Unknown attribute 'DisplayName'");
      assertThat(exact.validateCreate(users, user("{\"displayName\": \"B\"}")).getString("displayName")).isEqualTo("B");
    }

    @Test
    void theSameAttributeTwiceInDifferentCaseIsRejected() {
      rejected(() -> validator.validateCreate(users, user("{\"displayName\": \"a\", \"DISPLAYNAME\": \"b\"}")),
          ScimType.invalidValue, "'displayName' is given more than once");
    }
  }

  @Nested
  class PrimaryAndAbsence {
    @Test
    void onePrimaryIsFine() {
      JsonObject out = validator.validateCreate(users, user("""
          {"emails": [{"value": "a@x", "primary": true}, {"value": "b@x", "primary": false}]}"""));
      assertThat(out.getJsonArray("emails")).hasSize(2);
    }

    @Test
    void twoPrimariesAreRejectedNamingTheSecond() {
      rejected(() -> validator.validateCreate(users, user("""
          {"phoneNumbers": [{"value": "1", "primary": true}, {"value": "2"}, {"value": "3", "primary": "True"}]}""")),
          ScimType.invalidValue, "'phoneNumbers[2].primary'", "phoneNumbers[0]");
    }

    @Test
    void nullValuesAndEmptyArraysMeanAbsent() {
      JsonObject out = validator.validateCreate(users, user("""
          {"displayName": null, "emails": [], "roles": [null], "name": {"givenName": null}, "addresses": [{}]}"""));
      assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "userName");
    }
  }

  @Nested
  class Replace {
    @Test
    void replaceNormalizesLikeCreate() {
      JsonObject existing = validator.normalizeStored(users, Rfc7643Examples.minimalUser());
      JsonObject out = validator.validateReplace(users, existing, user("{\"ACTIVE\": \"False\"}"));
      assertThat(out.getValue("active")).isEqualTo(false);
    }

    @Test
    void replaceDoesNotCopyReadOnlyOrPasswordFromExisting() {
      JsonObject existing = Rfc7643Examples.enterpriseUser();
      JsonObject out = validator.validateReplace(users, existing, user("{\"id\": \"other\"}"));
      assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "userName");
    }

    @Test
    void replaceCarriesANewPassword() {
      JsonObject out = validator.validateReplace(users, Rfc7643Examples.enterpriseUser(), user("{\"password\": \"n3w\"}"));
      assertThat(out.getString("password")).isEqualTo("n3w");
    }

    @Test
    void groupMembersMayBeReplacedEvenThoughMemberValueIsImmutable() {
      JsonObject in = new JsonObject().put("schemas", new JsonArray().add(GROUP)).put("displayName", "Tour Guides")
          .put("members", new JsonArray().add(new JsonObject().put("value", "someone-else")));
      JsonObject out = validator.validateReplace(groups, Rfc7643Examples.group(), in);
      assertThat(out.getJsonArray("members")).containsExactly(new JsonObject().put("value", "someone-else"));
    }

    @Test
    void replaceFailsValidationLikeCreate() {
      rejected(() -> validator.validateReplace(users, Rfc7643Examples.minimalUser(), user("{\"nope\": 1}")),
          ScimType.invalidValue, "'nope'");
    }
  }
}
