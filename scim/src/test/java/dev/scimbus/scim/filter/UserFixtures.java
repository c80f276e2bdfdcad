package dev.scimbus.scim.filter;

import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Eight Users with enterprise data, a custom "acme" extension (integers, decimals, caseExact
 * strings, multi-valued strings, dateTimes, booleans), and deliberately odd key casing.
 */
final class UserFixtures {
  static final String ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";

  static final SchemaRegistry REGISTRY = SchemaRegistry.builder()
      .addSchema(Schema.fromJson(new JsonObject("""
          {"id": "%s", "name": "Acme", "attributes": [
            {"name": "level", "type": "integer"},
            {"name": "score", "type": "decimal"},
            {"name": "code", "type": "string", "caseExact": true},
            {"name": "tags", "type": "string", "multiValued": true},
            {"name": "hired", "type": "dateTime"},
            {"name": "vip", "type": "boolean"},
            {"name": "badge", "type": "binary"}
          ]}""".formatted(ACME))))
      .addExtension("User", ACME, false)
      .build();

  static final ResourceType USER = REGISTRY.resourceType("User").orElseThrow();

  static final List<JsonObject> USERS = new JsonArray("""
      [
       {"id": "u1", "userName": "bjensen", "externalId": "ext-1", "locale": "en-US",
        "name": {"givenName": "Barbara", "familyName": "Jensen", "formatted": "Ms. Barbara J Jensen III"},
        "displayName": "Babs Jensen", "title": "Tour Guide", "userType": "Employee", "active": true,
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                   {"value": "babs@jensen.org", "type": "home"}],
        "phoneNumbers": [{"value": "555-555-5555", "type": "work"}, {"value": "555-555-4444", "type": "mobile"}],
        "meta": {"resourceType": "User", "created": "2011-08-01T18:29:49.793Z", "lastModified": "2011-08-01T18:29:49.793Z", "version": "W/\\"1\\""},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984", "costCenter": "4130",
          "organization": "Universal Studios", "division": "Theme Park", "department": "Tour Operations",
          "manager": {"value": "u2", "displayName": "John Smith"}},
        "urn:example:params:scim:schemas:extension:acme:2.0:User": {"level": 3, "score": 4.5, "code": "AbC",
          "tags": ["red", "blue"], "hired": "2010-01-01T00:00:00Z", "vip": true, "badge": "QUJD"}},
       {"id": "u2", "userName": "JSmith", "externalId": "ext-2", "name": {"givenName": "John", "familyName": "Smith"},
        "title": "Manager", "userType": "Employee", "active": true,
        "emails": [{"value": "john.smith@EXAMPLE.com", "type": "work"}],
        "meta": {"resourceType": "User", "created": "2012-01-15T10:00:00Z", "lastModified": "2015-06-01T12:00:00+02:00"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "100",
          "department": "Tour Operations", "organization": "Universal Studios"},
        "urn:example:params:scim:schemas:extension:acme:2.0:User": {"level": 10, "score": 4.50, "code": "abc",
          "tags": ["green"], "hired": "2012-01-15T10:00:00+01:00", "vip": false}},
       {"id": "u3", "userName": "alice", "name": {"givenName": "Alice", "familyName": "O'Malley"},
        "userType": "Intern", "active": false,
        "emails": [{"value": "alice@example.org", "type": "home", "primary": true}],
        "ims": [{"value": "alice@foo.com", "type": "xmpp"}],
        "meta": {"resourceType": "User", "created": "2013-05-13T04:42:34Z", "lastModified": "2013-05-13T04:42:34Z"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "300", "manager": {"value": "u1"}},
        "urn:example:params:scim:schemas:extension:acme:2.0:User": {"level": -1, "score": 1.0, "tags": []}},
       {"id": "u4", "userName": "bob", "title": "", "active": true, "emails": [], "name": {},
        "phoneNumbers": [{"value": "+1 202 555 0100", "type": "work", "primary": true}],
        "meta": {"resourceType": "User", "created": "2014-02-01T00:00:00Z", "lastModified": "2020-01-01T00:00:00Z"},
        "urn:example:params:scim:schemas:extension:acme:2.0:User": {"level": 3}},
       {"id": "u5", "userName": "Carol.Danvers", "displayName": "Captain", "userType": "Contractor",
        "emails": [{"value": "carol@EXAMPLE.COM", "type": "work"}, {"value": "carol@home.net", "type": "other", "primary": true}],
        "meta": {"resourceType": "User", "created": "2011-05-13T04:42:34Z", "lastModified": "2011-05-13T04:42:35Z"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "500", "costCenter": "4130"},
        "urn:example:params:scim:schemas:extension:acme:2.0:User": {"score": 9.99, "code": "XYZ"}},
       {"id": "u6", "UserName": "dave", "nickName": "D\\"quote", "title": "Senior \\"Quoted\\" Engineer", "active": false,
        "EMAILS": [{"VALUE": "dave@example.com", "Type": "work"}],
        "meta": {"resourceType": "User", "created": "2016-01-01T00:00:00-05:00", "lastModified": "2016-01-01T05:00:00Z"},
        "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {"employeeNumber": "600"}},
       {"id": "u7", "userName": "erin", "password": "secret", "active": true, "preferredLanguage": "de-CH",
        "phoneNumbers": [{"value": "555-555-4444", "type": "home"}],
        "addresses": [{"locality": "Zürich", "country": "CH", "type": "work", "primary": true}],
        "meta": {"resourceType": "User", "created": "2018-07-04T12:00:00Z", "lastModified": "2018-07-04T12:00:00Z"}},
       {"id": "u8", "userName": "frank", "active": true, "userType": "Employee",
        "name": {"givenName": "Frank", "familyName": null},
        "emails": [{"value": "frank@example.com", "type": "work"}, {"value": "frank@example.com", "type": "home"}],
        "roles": [{"value": "admin", "primary": true}, {"value": "auditor"}],
        "x509Certificates": [{"value": "TUlJRA=="}],
        "meta": {"resourceType": "User", "created": "2019-12-31T23:59:59Z", "lastModified": "2019-12-31T23:59:59Z"}}
      ]""").stream().map(o -> (JsonObject) o).toList();

  private UserFixtures() {}
}
