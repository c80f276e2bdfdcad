package dev.scimbus.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The request bodies the scenarios send. The user is a realistic enterprise user of about 1 KB,
 * the size identity providers actually push, so that serialisation and storage costs are not
 * flattered by tiny documents.
 */
public final class Payloads {

  public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Finance", "Support", "Legal"};

  private Payloads() {}

  /** The mail address the filter scenario searches with {@code emails co}. */
  /** Set once from {@code --password} before any shard starts: create bodies then carry a password. */
  static volatile boolean createWithPassword;

  public static String workEmail(String userName) {
    return userName + "@example.com";
  }

  public static JsonObject user(String userName, long n) {
    String given = "Given" + (n % 997);
    String family = "Family" + (n % 991);
    String dept = DEPARTMENTS[(int) (n % DEPARTMENTS.length)];
    return new JsonObject()
        .put("schemas", new JsonArray().add(CORE_USER).add(ENTERPRISE_USER))
        .put("externalId", "ext-" + userName)
        .put("userName", userName)
        .put("name", new JsonObject()
            .put("formatted", given + " " + family)
            .put("familyName", family)
            .put("givenName", given)
            .put("middleName", "Q"))
        .put("displayName", given + " " + family)
        .put("nickName", given.toLowerCase())
        .put("title", "Senior " + dept + " Specialist")
        .put("userType", "Employee")
        .put("preferredLanguage", "en-US")
        .put("locale", "en-US")
        .put("timezone", "Europe/Berlin")
        .put("active", true)
        .put("emails", new JsonArray()
            .add(new JsonObject().put("value", workEmail(userName)).put("type", "work").put("primary", true))
            .add(new JsonObject().put("value", userName + "@home.example.org").put("type", "home")))
        .put("phoneNumbers", new JsonArray()
            .add(new JsonObject().put("value", "+49 30 555 " + (1000 + n % 9000)).put("type", "work"))
            .add(new JsonObject().put("value", "+49 170 555 " + (1000 + n % 9000)).put("type", "mobile")))
        .put("addresses", new JsonArray()
            .add(new JsonObject()
                .put("type", "work")
                .put("streetAddress", (n % 200 + 1) + " Example Street")
                .put("locality", "Berlin")
                .put("region", "BE")
                .put("postalCode", "10115")
                .put("country", "DE")
                .put("primary", true)))
        .put(ENTERPRISE_USER, new JsonObject()
            .put("employeeNumber", String.valueOf(100000 + n))
            .put("costCenter", "CC-" + (n % 50))
            .put("organization", "Example Corp")
            .put("division", dept + " Division")
            .put("department", dept));
  }

  public static JsonObject group(String displayName) {
    return new JsonObject()
        .put("schemas", new JsonArray().add(CORE_GROUP))
        .put("displayName", displayName)
        .put("members", new JsonArray());
  }

  public static JsonObject patch(JsonObject... operations) {
    JsonArray ops = new JsonArray();
    for (JsonObject op : operations) {
      ops.add(op);
    }
    return new JsonObject().put("schemas", new JsonArray().add(PATCH_OP)).put("Operations", ops);
  }

  public static JsonObject replace(String path, Object value) {
    return new JsonObject().put("op", "replace").put("path", path).put("value", value);
  }

  public static JsonObject addMember(String userId) {
    return new JsonObject().put("op", "add").put("path", "members")
        .put("value", new JsonArray().add(new JsonObject().put("value", userId)));
  }

  public static JsonObject removeMember(String userId) {
    return new JsonObject().put("op", "remove").put("path", "members[value eq \"" + userId + "\"]");
  }
}
