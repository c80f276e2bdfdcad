package dev.scimbus.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Shared resources and helpers for the PATCH tests. */
final class PatchFixtures {
  static final SchemaRegistry REGISTRY = SchemaRegistry.defaults();
  static final ResourceType USER = REGISTRY.resourceType("User").orElseThrow();
  static final ResourceType GROUP = REGISTRY.resourceType("Group").orElseThrow();
  static final String ENT = SchemaRegistry.ENTERPRISE_USER;

  private PatchFixtures() {}

  static JsonObject user() {
    return new JsonObject("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "bjensen",
          "userName": "bjensen@example.com",
          "name": {"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"},
          "displayName": "Babs Jensen",
          "active": true,
          "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
          ],
          "phoneNumbers": [{"value": "555-555-5555", "type": "work"}],
          "addresses": [
            {"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
             "region": "CA", "postalCode": "91608", "country": "USA", "primary": true},
            {"type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood",
             "region": "CA", "postalCode": "91608", "country": "USA"}
          ],
          "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
          "roles": [{"value": "admin"}],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984", "department": "Tour Operations",
            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
          },
          "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
                   "lastModified": "2011-05-13T04:42:34Z", "version": "W/\\"3694e05e9dff591\\""}
        }
        """);
  }

  static JsonObject group() {
    return new JsonObject("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            {"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User"},
            {"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge", "type": "User"}
          ],
          "meta": {"resourceType": "Group", "created": "2010-01-23T04:56:22Z"}
        }
        """);
  }

  /** The operations of a PatchOp body whose Operations array is {@code operationsJson}. */
  static List<PatchOperation> ops(PatchOptions options, String operationsJson) {
    return PatchRequest.parse(body(operationsJson), options);
  }

  static JsonObject body(String operationsJson) {
    return new JsonObject().put("schemas", new JsonArray().add(PatchRequest.SCHEMA))
        .put("Operations", new JsonArray(operationsJson));
  }

  static JsonObject patch(PatchOptions options, ResourceType rt, JsonObject resource, String operationsJson) {
    return new PatchEngine(REGISTRY, options).apply(rt, resource, ops(options, operationsJson));
  }

  static JsonObject patch(ResourceType rt, JsonObject resource, String operationsJson) {
    return patch(PatchOptions.LENIENT, rt, resource, operationsJson);
  }

  /** Runs a patch expected to fail and checks status, scimType and words of the detail. */
  static ScimError fails(PatchOptions options, ResourceType rt, JsonObject resource, String operationsJson,
      ScimType type, String... detailWords) {
    JsonObject before = resource.copy();
    ScimError e = catchThrowableOfType(ScimError.class, () -> patch(options, rt, resource, operationsJson));
    assertThat(e).as("expected a ScimError " + type).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).as(e.detail()).isEqualTo(type);
    assertThat(e.detail()).contains(detailWords);
    assertThat(resource).as("input untouched").isEqualTo(before);
    return e;
  }

  static ScimError fails(ResourceType rt, JsonObject resource, String operationsJson, ScimType type,
      String... detailWords) {
    return fails(PatchOptions.LENIENT, rt, resource, operationsJson, type, detailWords);
  }

  static JsonObject ent(JsonObject user) {
    return user.getJsonObject(ENT);
  }
}
