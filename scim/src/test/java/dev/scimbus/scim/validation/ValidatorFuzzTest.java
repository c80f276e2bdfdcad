package dev.scimbus.scim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Any JSON object either validates or fails with a ScimError, and is never modified. */
class ValidatorFuzzTest {
  private static final String[] KEYS = {
      "schemas", "id", "externalId", "meta", "userName", "name", "givenName", "familyName", "displayName",
      "active", "password", "emails", "value", "type", "primary", "display", "phoneNumbers", "addresses",
      "groups", "x509Certificates", "roles", "manager", "department", "$ref", "created", "version",
      SchemaRegistry.USER, SchemaRegistry.ENTERPRISE_USER, SchemaRegistry.GROUP, "USERNAME", "Emails"};
  private static final SchemaRegistry REGISTRY = SchemaRegistry.defaults();
  private static final ResourceType USERS = REGISTRY.resourceType("User").orElseThrow();
  private static final ResourceValidator STRICT = new ResourceValidator(REGISTRY, ValidationOptions.DEFAULT);
  private static final ResourceValidator LENIENT = new ResourceValidator(REGISTRY, new ValidationOptions(true, false, false));

  @FuzzTest(maxDuration = "10s")
  void validateCreateReturnsOrThrowsScimError(FuzzedDataProvider data) {
    JsonObject input = object(data, 3);
    if (data.consumeBoolean()) {
      input.put("schemas", new JsonArray().add(SchemaRegistry.USER));
    }
    JsonObject before = input.copy();
    for (ResourceValidator v : new ResourceValidator[] {STRICT, LENIENT}) {
      try {
        JsonObject out = v.validateCreate(USERS, input);
        assertThat(out.getJsonArray("schemas")).contains(SchemaRegistry.USER);
        assertThat(out.getString("userName")).isNotBlank();
      } catch (ScimError e) {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.detail()).isNotBlank();
      }
      assertThat(input).isEqualTo(before);
    }
  }

  private static JsonObject object(FuzzedDataProvider data, int depth) {
    JsonObject o = new JsonObject();
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(12);
      o.put(key, value(data, depth));
    }
    return o;
  }

  private static Object value(FuzzedDataProvider data, int depth) {
    int kind = data.consumeInt(0, depth > 0 ? 8 : 6);
    return switch (kind) {
      case 0 -> null;
      case 1 -> data.consumeBoolean();
      case 2 -> data.consumeInt();
      case 3 -> data.consumeDouble();
      case 4 -> data.pickValue(new String[] {"True", "false", "2010-01-23T04:56:22Z", "TUlJ", "work", ""});
      case 5 -> data.consumeString(20);
      case 6 -> data.consumeLong();
      case 7 -> object(data, depth - 1);
      default -> {
        JsonArray a = new JsonArray();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
          a.add(value(data, depth - 1));
        }
        yield a;
      }
    };
  }
}
