package dev.scimbus.scim.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.validation.Rfc7643Examples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  static final String ENT = SchemaRegistry.ENTERPRISE_USER;
  final SchemaRegistry registry = SchemaRegistry.defaults();
  final ResourceType users = registry.resourceType("User").orElseThrow();
  final ResourceType groups = registry.resourceType("Group").orElseThrow();
  final Projection projection = new Projection(registry);
  final JsonObject bjensen = Rfc7643Examples.enterpriseUser();

  JsonObject project(String attributes, String excluded) {
    return projection.apply(users, bjensen, AttributeList.parse(attributes), AttributeList.parse(excluded));
  }

  @Test
  void defaultViewDropsOnlyThePassword() {
    JsonObject out = project(null, null);
    JsonObject expected = bjensen.copy();
    expected.remove("password");
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void defaultViewWithoutAPasswordIsAShallowCopyAndNeverTheInput() {
    JsonObject stored = Rfc7643Examples.minimalUser();
    JsonObject out = projection.apply(users, stored, AttributeList.EMPTY, AttributeList.EMPTY);
    assertThat(out).isEqualTo(stored).isNotSameAs(stored);
    out.put("userName", "changed");
    assertThat(stored.getString("userName")).isEqualTo("bjensen@example.com");
  }

  @Test
  void projectionNeverModifiesTheInput() {
    JsonObject before = bjensen.copy();
    project("name.givenName,emails", null);
    project(null, "emails,meta");
    project(null, null);
    assertThat(bjensen).isEqualTo(before);
  }

  @Test
  void passwordIsNeverReturnedEvenWhenAsked() {
    assertThat(project("password", null).containsKey("password")).isFalse();
  }

  @Test
  void attributesReturnsTheNamedAttributeAndTheAlwaysOnes() {
    JsonObject out = project("userName", null);
    assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "id", "userName");
  }

  @Test
  void metaIsDefaultNotAlways() {
    assertThat(project("userName", null).containsKey("meta")).isFalse();
    assertThat(project(null, null).containsKey("meta")).isTrue();
    assertThat(project("meta", null).getJsonObject("meta")).isEqualTo(bjensen.getJsonObject("meta"));
  }

  @Test
  void subAttributeSelectionReturnsOnlyThatSubAttribute() {
    JsonObject out = project("name.givenName", null);
    assertThat(out.getJsonObject("name")).isEqualTo(new JsonObject().put("givenName", "Barbara"));
    assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "id", "name");
  }

  @Test
  void subAttributeOfAMultiValuedAttributeAppliesToEachValue() {
    JsonObject out = project("emails.value", null);
    assertThat(out.getJsonArray("emails")).containsExactly(
        new JsonObject().put("value", "bjensen@example.com"), new JsonObject().put("value", "babs@jensen.org"));
  }

  @Test
  void wholeMultiValuedAttributeIsReturnedWhole() {
    assertThat(project("emails", null).getJsonArray("emails")).isEqualTo(bjensen.getJsonArray("emails"));
  }

  @Test
  void extensionAttributeByFullUrnPath() {
    JsonObject out = project(ENT + ":department", null);
    assertThat(out.getJsonObject(ENT)).isEqualTo(new JsonObject().put("department", "Tour Operations"));
    assertThat(out.fieldNames()).containsExactlyInAnyOrder("schemas", "id", ENT);
  }

  @Test
  void wholeExtensionByItsUrn() {
    JsonObject out = project(ENT, null);
    assertThat(out.getJsonObject(ENT)).isEqualTo(bjensen.getJsonObject(ENT));
    assertThat(out.containsKey("userName")).isFalse();
  }

  @Test
  void extensionSubAttributeByUrnPath() {
    JsonObject out = project(ENT + ":manager.value", null);
    assertThat(out.getJsonObject(ENT).getJsonObject("manager"))
        .isEqualTo(new JsonObject().put("value", "26118915-6090-4610-87e4-49d8ca9f808d"));
  }

  @Test
  void unqualifiedExtensionAttributeResolvesToo() {
    assertThat(project("department", null).getJsonObject(ENT).getString("department")).isEqualTo("Tour Operations");
  }

  @Test
  void namesMatchCaseInsensitively() {
    JsonObject out = project("USERNAME,Name.GivenName," + ENT.toUpperCase() + ":DEPARTMENT", null);
    assertThat(out.getString("userName")).isEqualTo("bjensen@example.com");
    assertThat(out.getJsonObject("name").fieldNames()).containsExactly("givenName");
    assertThat(out.getJsonObject(ENT).fieldNames()).containsExactly("department");
  }

  @Test
  void unknownNamesAreIgnored() {
    assertThat(project("userName,shoeSize,name.nope", null).fieldNames()).containsExactlyInAnyOrder("schemas", "id", "userName");
    assertThat(project(null, "shoeSize")).isEqualTo(project(null, null));
  }

  @Test
  void excludedAttributesRemovesDefaultAttributes() {
    JsonObject out = project(null, "emails,meta,name.givenName");
    assertThat(out.fieldNames()).doesNotContain("emails", "meta", "password");
    assertThat(out.getJsonObject("name").containsKey("givenName")).isFalse();
    assertThat(out.getJsonObject("name").getString("familyName")).isEqualTo("Jensen");
    assertThat(out.getString("userName")).isEqualTo("bjensen@example.com");
  }

  @Test
  void excludedAttributesNeverRemovesAlwaysAttributes() {
    JsonObject out = project(null, "id,schemas");
    assertThat(out.getString("id")).isEqualTo(bjensen.getString("id"));
    assertThat(out.getJsonArray("schemas")).isEqualTo(bjensen.getJsonArray("schemas"));
  }

  @Test
  void excludingAWholeExtension() {
    assertThat(project(null, ENT).containsKey(ENT)).isFalse();
  }

  @Test
  void attributesWinsOverExcludedAttributes() {
    assertThat(project("emails", "emails").getJsonArray("emails")).hasSize(2);
  }

  @Test
  void rfc7644GroupExampleExcludingMembers() {
    // RFC 7644 §3.4.2.5: GET /Groups/{id}?excludedAttributes=members
    JsonObject group = Rfc7643Examples.group();
    JsonObject out = projection.apply(groups, group, AttributeList.EMPTY, AttributeList.parse("members"));
    JsonObject expected = group.copy();
    expected.remove("members");
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void rfc7644UserExampleWithUserNameAndDisplayName() {
    // RFC 7644 §3.4.2.5 / §3.4.3 example: attributes=displayName,userName
    JsonObject out = project("displayName,userName", null);
    assertThat(out).isEqualTo(new JsonObject().put("schemas", bjensen.getJsonArray("schemas")).put("id", bjensen.getString("id"))
        .put("userName", "bjensen@example.com").put("displayName", "Babs Jensen"));
  }

  @Test
  void requestAttributesOnlyWhenNamed() {
    SchemaRegistry custom = SchemaRegistry.builder()
        .addSchema(Schema.fromJson(new JsonObject("""
            {"id": "urn:acme:User", "name": "Acme", "attributes": [
              {"name": "secretLevel", "type": "integer", "returned": "request"},
              {"name": "badge", "type": "string"}]}""")))
        .addExtension("User", "urn:acme:User", false).build();
    ResourceType rt = custom.resourceType("User").orElseThrow();
    Projection p = new Projection(custom);
    JsonObject stored = Rfc7643Examples.minimalUser()
        .put("urn:acme:User", new JsonObject().put("secretLevel", 7).put("badge", "B"));
    JsonObject byDefault = p.apply(rt, stored, AttributeList.EMPTY, AttributeList.EMPTY);
    assertThat(byDefault.getJsonObject("urn:acme:User")).isEqualTo(new JsonObject().put("badge", "B"));
    JsonObject excluded = p.apply(rt, stored, AttributeList.EMPTY, AttributeList.parse("badge"));
    assertThat(excluded.containsKey("urn:acme:User")).isFalse();
    JsonObject named = p.apply(rt, stored, AttributeList.parse("secretLevel"), AttributeList.EMPTY);
    assertThat(named.getJsonObject("urn:acme:User")).isEqualTo(new JsonObject().put("secretLevel", 7));
  }

  @Test
  void attributeListParsesCommaSeparatedPaths() {
    AttributeList list = AttributeList.parse(" userName , name.givenName," + ENT + ":manager.value,");
    assertThat(list.paths()).hasSize(3);
    assertThat(list.paths().get(2).schemaUrn()).isEqualTo(ENT);
    assertThat(list.paths().get(2).subAttribute()).isEqualTo("value");
    assertThat(AttributeList.parse("  ").isEmpty()).isTrue();
    assertThat(AttributeList.parse(null).isEmpty()).isTrue();
  }

  @Test
  void attributeListRejectsABadEntryNamingIt() {
    assertThatThrownBy(() -> AttributeList.parse("userName,emails[type eq \"work\"]"))
        .isInstanceOfSatisfying(ScimError.class, e -> {
          assertThat(e.scimType()).isEqualTo(ScimType.invalidPath);
          assertThat(e.detail()).contains("emails[type eq \"work\"]");
        });
  }

  @Test
  void emptyStoredValuesProjectToNothing() {
    JsonObject stored = Rfc7643Examples.minimalUser().put("emails", new JsonArray().add(new JsonObject().put("type", "work")));
    JsonObject out = projection.apply(users, stored, AttributeList.parse("emails.value"), AttributeList.EMPTY);
    assertThat(out.containsKey("emails")).isFalse();
  }
}
