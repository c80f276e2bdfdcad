package dev.scimbus.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.ResourceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Random operation lists against a rich User and a Group: the engine answers with a result or a
 * ScimError and nothing else, and never modifies the resource it was given.
 */
class PatchFuzzTest {
  private static final String[] OPS = {"add", "replace", "remove", "Add", "Replace", "Remove", "ADD", "merge", ""};
  private static final String[] PATHS = {
      "userName", "displayName", "nickName", "title", "active", "password", "id", "meta", "meta.created",
      "externalId", "name", "name.givenName", "Name.GivenName", "name.shoe", "emails", "emails.value",
      "emails.primary", "emails[type eq \"work\"]", "emails[type eq \"work\"].value", "Emails[Type eq \"work\"].Value",
      "emails[type eq \"other\"].value", "emails[value co \"@\" and primary eq true]", "emails[primary eq true].primary",
      "emails[not (type eq \"home\")]", "emails[type pr]", "emails[shoe eq 1]", "emails[type eq \"work\"].shoe",
      "addresses[type eq \"work\"].streetAddress", "addresses", "phoneNumbers[type eq \"mobile\"]", "groups",
      "groups[value eq \"x\"].display", "roles", "x509Certificates", "members", "members[value eq \"m1\"]",
      "members[value eq \"m1\"].display", "members[value eq \"m1\"].value",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
      "urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:", "emails[", "emails[type eq \"work\"]]", "emails[type eq \"work\"].", "a.b.c", "emails[emails[type pr]]"};
  private static final String[] KEYS = {
      "value", "type", "primary", "display", "givenName", "familyName", "userName", "displayName", "active", "emails",
      "name", "members", "id", "meta", "schemas", "manager", "Value", "PRIMARY", "$ref", "streetAddress",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "department",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "shoe", "groups", "password", "roles"};

  @FuzzTest(maxDuration = "30s")
  void answersWithResultOrScimError(FuzzedDataProvider data) {
    ResourceType rt = data.consumeBoolean() ? PatchFixtures.USER : PatchFixtures.GROUP;
    JsonObject resource = rt == PatchFixtures.USER ? PatchFixtures.user() : group();
    PatchEngine engine = new PatchEngine(PatchFixtures.REGISTRY, options(data));
    List<PatchOperation> ops = operations(data);
    try {
      JsonObject out = engine.apply(rt, resource, ops);
      assertThat(out).isNotNull();
      out.encode();
    } catch (ScimError expected) {
      assertThat(expected.status()).isEqualTo(400);
      assertThat(expected.detail()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void neverModifiesItsInput(FuzzedDataProvider data) {
    ResourceType rt = data.consumeBoolean() ? PatchFixtures.USER : PatchFixtures.GROUP;
    JsonObject resource = rt == PatchFixtures.USER ? PatchFixtures.user() : group();
    JsonObject before = resource.copy();
    PatchEngine engine = new PatchEngine(PatchFixtures.REGISTRY, options(data));
    try {
      engine.apply(rt, resource, operations(data));
    } catch (ScimError e) {
      assertThat(resource).as("input after " + e).isEqualTo(before);
      return;
    }
    assertThat(resource).isEqualTo(before);
  }

  private static JsonObject group() {
    JsonObject g = PatchFixtures.group();
    g.getJsonArray("members").add(new JsonObject().put("value", "m1").put("type", "User"));
    return g;
  }

  private static PatchOptions options(FuzzedDataProvider d) {
    return new PatchOptions(d.consumeBoolean(), d.consumeBoolean(), d.consumeBoolean(), d.consumeBoolean(),
        d.consumeBoolean(), d.consumeBoolean(), d.consumeBoolean());
  }

  private static List<PatchOperation> operations(FuzzedDataProvider d) {
    int n = d.consumeInt(0, 4);
    List<PatchOperation> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String op = d.consumeInt(0, 9) == 0 ? d.consumeString(8) : d.pickValue(OPS);
      String path = switch (d.consumeInt(0, 5)) {
        case 0 -> null;
        case 1 -> d.consumeString(40);
        default -> d.pickValue(PATHS);
      };
      ops.add(new PatchOperation(op, path, value(d, 2)));
    }
    return ops;
  }

  private static Object value(FuzzedDataProvider d, int depth) {
    switch (d.consumeInt(0, depth > 0 ? 9 : 6)) {
      case 0:
        return null;
      case 1:
        return d.consumeBoolean();
      case 2:
        return d.consumeInt();
      case 3:
        return d.consumeDouble();
      case 4:
        return d.pickValue(new String[] {"True", "False", "work", "m1", "2024-01-01T00:00:00Z", ""});
      case 5:
      case 6:
        return d.consumeString(20);
      case 7:
      case 8: {
        JsonObject o = new JsonObject();
        int n = d.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
          o.put(d.consumeInt(0, 7) == 0 ? d.consumeString(10) : d.pickValue(KEYS), value(d, depth - 1));
        }
        return o;
      }
      default: {
        JsonArray a = new JsonArray();
        int n = d.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          a.add(value(d, depth - 1));
        }
        return a;
      }
    }
  }
}
