package dev.scimbus.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The resources and filters every kernel benchmark shares: a realistic ~1 KB enterprise user. */
final class Fixtures {
  private Fixtures() {}

  static final String SIMPLE_FILTER = "userName eq \"bjensen@example.com\"";
  static final String COMPLEX_FILTER = "userName sw \"b\" and (emails[type eq \"work\" and value co \"@example.com\"]"
      + " or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Tour Operations\")"
      + " and not (active eq false) and meta.lastModified gt \"2011-05-13T04:42:34Z\"";

  static JsonObject enterpriseUser() {
    return new JsonObject()
        .put("schemas", new JsonArray()
            .add("urn:ietf:params:scim:schemas:core:2.0:User")
            .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
        .put("id", "2819c223-7f76-453a-919d-413861904646")
        .put("externalId", "701984")
        .put("userName", "bjensen@example.com")
        .put("name", new JsonObject().put("formatted", "Ms. Barbara J Jensen, III").put("familyName", "Jensen")
            .put("givenName", "Barbara").put("middleName", "Jane").put("honorificPrefix", "Ms.")
            .put("honorificSuffix", "III"))
        .put("displayName", "Babs Jensen")
        .put("nickName", "Babs")
        .put("profileUrl", "https://login.example.com/bjensen")
        .put("emails", new JsonArray()
            .add(new JsonObject().put("value", "bjensen@example.com").put("type", "work").put("primary", true))
            .add(new JsonObject().put("value", "babs@jensen.org").put("type", "home")))
        .put("phoneNumbers", new JsonArray()
            .add(new JsonObject().put("value", "555-555-5555").put("type", "work"))
            .add(new JsonObject().put("value", "555-555-4444").put("type", "mobile")))
        .put("userType", "Employee")
        .put("title", "Tour Guide")
        .put("preferredLanguage", "en-US")
        .put("locale", "en-US")
        .put("timezone", "America/Los_Angeles")
        .put("active", true)
        .put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", new JsonObject()
            .put("employeeNumber", "701984").put("costCenter", "4130").put("organization", "Universal Studios")
            .put("division", "Theme Park").put("department", "Tour Operations")
            .put("manager", new JsonObject().put("value", "26118915-6090-4610-87e4-49d8ca9f808d")))
        .put("meta", new JsonObject().put("resourceType", "User").put("created", "2010-01-23T04:56:22.000Z")
            .put("lastModified", "2011-05-13T04:42:34.000Z").put("version", "W/\"3\""));
  }
}
