package dev.scimbus.scim.filter;

import static dev.scimbus.scim.filter.UserFixtures.ACME;
import static dev.scimbus.scim.filter.UserFixtures.USER;
import static dev.scimbus.scim.filter.UserFixtures.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.path.AttributePath;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ALL = "u1 u2 u3 u4 u5 u6 u7 u8";
  private static final String NONE = "";

  private final FilterEvaluator evaluator = new FilterEvaluator(UserFixtures.REGISTRY);

  static Stream<Arguments> cases() {
    return Stream.of(
        // strings: caseExact false ignores case; keys in the resource may differ in case
        arguments("userName eq \"bjensen\"", "u1"),
        arguments("userName eq \"BJENSEN\"", "u1"),
        arguments("userName eq \"jsmith\"", "u2"),
        arguments("userName eq \"dave\"", "u6"),
        arguments("USERNAME eq \"dave\"", "u6"),
        arguments("userName sw \"b\"", "u1 u4"),
        arguments("userName ew \"N\"", "u1 u7"),
        arguments("userName co \"an\"", "u5 u8"),
        arguments("userName gt \"e\"", "u2 u7 u8"),
        arguments("userName le \"bob\"", "u1 u3 u4"),
        arguments("userName ne \"bjensen\"", "u2 u3 u4 u5 u6 u7 u8"),
        arguments("name.familyName co \"O'Malley\"", "u3"),
        arguments("name.familyName eq \"jensen\"", "u1"),
        arguments("name.givenName sw \"J\"", "u2"),
        arguments("name.familyName pr", "u1 u2 u3"),
        arguments("name pr", "u1 u2 u3 u8"),
        arguments("not (name pr)", "u4 u5 u6 u7"),
        arguments("title pr", "u1 u2 u6"),
        arguments("title eq \"\"", "u4"),
        arguments("title eq null", "u3 u4 u5 u7 u8"),
        arguments("title ne null", "u1 u2 u6"),
        arguments("title co \"\\\"Quoted\\\"\"", "u6"),
        arguments("nickName eq \"D\\\"quote\"", "u6"),
        arguments("userType eq \"Employee\"", "u1 u2 u8"),
        arguments("userType ne \"Employee\"", "u3 u4 u5 u6 u7"),
        arguments("displayName co \"jensen\"", "u1"),
        arguments("preferredLanguage eq \"de-ch\"", "u7"),
        arguments("locale sw \"en\"", "u1"),
        // RFC 7644 §3.4.2.2 examples
        arguments("title pr and userType eq \"Employee\"", "u1 u2"),
        arguments("title pr or userType eq \"Intern\"", "u1 u2 u3 u6"),
        arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", "u1 u2 u8"),
        arguments("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", "u4 u7"),
        arguments("userType eq \"Employee\" and (emails.type eq \"work\")", "u1 u2 u8"),
        arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]", "u1 u2 u8"),
        arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            "u1 u2 u3 u5 u6 u8"),
        // booleans and missing values
        arguments("active eq true", "u1 u2 u4 u7 u8"),
        arguments("active eq false", "u3 u6"),
        arguments("active ne true", "u3 u5 u6"),
        arguments("active pr", "u1 u2 u3 u4 u6 u7 u8"),
        arguments("active eq null", "u5"),
        arguments("not (active eq true)", "u3 u5 u6"),
        // multi-valued complex attributes: any element, value by default, value paths per element
        arguments("emails co \"example.com\"", "u1 u2 u5 u6 u8"),
        arguments("emails.value co \"example.org\"", "u3"),
        arguments("emails[type eq \"home\"]", "u1 u3 u8"),
        arguments("emails.type eq \"home\"", "u1 u3 u8"),
        arguments("emails[type eq \"home\" and value co \"example\"]", "u3 u8"),
        arguments("emails.type eq \"work\" and emails.value co \"jensen.org\"", "u1"),
        arguments("emails[type eq \"work\" and value co \"jensen.org\"]", NONE),
        arguments("emails[primary eq true]", "u1 u3 u5"),
        arguments("emails[not (primary eq true)]", "u1 u2 u5 u6 u8"),
        arguments("emails pr", "u1 u2 u3 u5 u6 u8"),
        arguments("emails eq null", "u4 u7"),
        arguments("emails.primary eq true", "u1 u3 u5"),
        arguments("emails[value ew \".COM\"]", "u1 u2 u5 u6 u8"),
        arguments("emails[type eq \"WORK\"]", "u1 u2 u5 u6 u8"),
        arguments("emails ne \"frank@example.com\"", "u1 u2 u3 u4 u5 u6 u7"),
        arguments("emails[type eq \"work\"] and not (emails[type eq \"home\"])", "u2 u5 u6"),
        arguments("phoneNumbers[type eq \"mobile\"]", "u1"),
        arguments("phoneNumbers.value eq \"555-555-4444\"", "u1 u7"),
        arguments("phoneNumbers[value eq \"555-555-4444\" and type eq \"home\"]", "u7"),
        arguments("phoneNumbers[primary eq true]", "u4"),
        arguments("phoneNumbers pr", "u1 u4 u7"),
        arguments("ims pr", "u3"),
        arguments("addresses[locality eq \"zürich\"]", "u7"),
        arguments("addresses.country eq \"CH\"", "u7"),
        arguments("roles eq \"admin\"", "u8"),
        arguments("roles[value eq \"auditor\" and primary eq true]", NONE),
        arguments("groups pr", NONE),
        // binary is case exact
        arguments("x509Certificates.value eq \"TUlJRA==\"", "u8"),
        arguments("x509Certificates eq \"tulJRA==\"", NONE),
        // dateTimes compare as instants, whatever the offset
        arguments("meta.created gt \"2011-05-13T04:42:34Z\"", "u1 u2 u3 u4 u6 u7 u8"),
        arguments("meta.created ge \"2011-05-13T04:42:34Z\"", ALL),
        arguments("meta.created lt \"2012-01-01T00:00:00Z\"", "u1 u5"),
        arguments("meta.created le \"2011-05-13T06:42:34+02:00\"", "u5"),
        arguments("meta.created eq \"2016-01-01T05:00:00Z\"", "u6"),
        arguments("meta.lastModified gt \"2015-06-01T11:00:00+02:00\"", "u2 u4 u6 u7 u8"),
        arguments("meta.lastModified lt \"2011-05-13T04:42:35Z\"", NONE),
        arguments("meta.created gt \"2018-07-04T12:00:00\"", "u8"),
        arguments("meta.created gt \"2019-12-31T23:59:59.001Z\"", NONE),
        arguments("meta.created ge \"2019-12-31T23:59:59.000Z\"", "u8"),
        // common attributes
        arguments("id eq \"u3\"", "u3"),
        arguments("id eq \"U3\"", NONE),
        arguments("externalId eq \"ext-2\"", "u2"),
        arguments("externalId pr", "u1 u2"),
        arguments("meta.resourceType eq \"User\"", ALL),
        arguments("meta.resourceType eq \"user\"", NONE),
        arguments("meta.version pr", "u1"),
        arguments(CORE + ":userName eq \"alice\"", "u3"),
        // enterprise extension under its URN key (also when the key is upper case)
        arguments(ENT + ":employeeNumber eq \"701984\"", "u1"),
        arguments(ENT + ":employeeNumber eq \"600\"", "u6"),
        arguments("employeeNumber eq \"300\"", "u3"),
        arguments(ENT + ":manager.value eq \"u2\"", "u1"),
        arguments(ENT + ":manager eq \"u1\"", "u3"),
        arguments(ENT + ":manager pr", "u1 u3"),
        arguments(ENT + ":costCenter eq \"4130\" and " + ENT + ":department pr", "u1"),
        arguments(ENT + ":organization sw \"universal\"", "u1 u2"),
        arguments(ENT.toUpperCase() + ":employeeNumber eq \"100\"", "u2"),
        // numbers, caseExact strings, multi-valued strings, dateTimes and booleans of a custom extension
        arguments(ACME + ":level gt 2", "u1 u2 u4"),
        arguments(ACME + ":level eq 3.0", "u1 u4"),
        arguments(ACME + ":level lt 0", "u3"),
        arguments(ACME + ":level ge 1e1", "u2"),
        arguments(ACME + ":level ne 3", "u2 u3 u5 u6 u7 u8"),
        arguments(ACME + ":score eq 4.5", "u1 u2"),
        arguments(ACME + ":score gt 4.49 and " + ACME + ":score lt 4.51", "u1 u2"),
        arguments(ACME + ":score le 1", "u3"),
        arguments(ACME + ":code eq \"abc\"", "u2"),
        arguments(ACME + ":code eq \"ABC\"", NONE),
        arguments(ACME + ":code sw \"A\"", "u1"),
        arguments(ACME + ":tags eq \"blue\"", "u1"),
        arguments(ACME + ":tags eq \"BLUE\"", "u1"),
        arguments(ACME + ":tags pr", "u1 u2"),
        arguments(ACME + ":tags ne \"green\"", "u1 u3 u4 u5 u6 u7 u8"),
        arguments(ACME + ":hired ge \"2012-01-15T09:00:00Z\"", "u2"),
        arguments(ACME + ":vip eq false", "u2"),
        arguments(ACME + ":vip ne true", "u2 u3 u4 u5 u6 u7 u8"),
        arguments(ACME + ":badge eq \"QUJD\"", "u1"),
        // logic
        arguments("not (userName sw \"b\") and not (userName sw \"j\")", "u3 u5 u6 u7 u8"),
        arguments("(userName eq \"alice\" or userName eq \"bob\") and active eq true", "u4"),
        arguments("userName eq \"alice\" or userName eq \"bob\" and active eq true", "u3 u4"),
        arguments("not (not (userName eq \"erin\"))", "u7"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void matchesExpectedUsers(String text, String expectedIds) {
    Filter filter = FilterParser.parse(text);
    evaluator.validate(USER, filter);
    List<String> matched = USERS.stream()
        .filter(u -> evaluator.matches(USER, u, filter))
        .map(u -> u.getString("id")).toList();
    List<String> expected = expectedIds.isEmpty() ? List.of() : Arrays.asList(expectedIds.split(" "));
    assertThat(matched).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("nosuch eq \"x\"", "'nosuch' is not an attribute of resource type User"),
        arguments("name.nosuch eq \"x\"", "'name' has no sub-attribute 'nosuch'"),
        arguments(ENT + ":userName eq \"x\"", "is not an attribute of resource type User"),
        arguments("urn:example:other:2.0:User:x eq 1", "is not an attribute"),
        arguments("password eq \"secret\"", "'password' is write-only and cannot be used in a filter"),
        arguments("password pr", "write-only"),
        arguments("active gt true", "'gt' cannot order boolean attribute 'active'"),
        arguments("x509Certificates.value lt \"A\"", "cannot order binary"),
        arguments("name gt \"x\"", "'name' is a complex attribute"),
        arguments("userName[value eq \"x\"]", "'userName[...]' filters the values of a complex attribute"),
        arguments("emails[nosuch eq \"x\"]", "'nosuch' is not a sub-attribute of 'emails'"),
        arguments("emails[emails.value eq \"x\"]", "is not a sub-attribute of 'emails'"),
        arguments("emails[primary co \"t\"]", "'co' applies to string attributes only"),
        arguments("active co \"t\"", "'co' applies to string attributes only"),
        arguments("meta.created sw \"2011\"", "'sw' applies to string attributes only"),
        arguments("meta.created gt \"yesterday\"", "\"yesterday\" is not a dateTime"),
        arguments("meta.created gt 5", "must be compared with a quoted dateTime"),
        arguments("userName eq 5", "'userName' must be compared with a quoted string, not 5"),
        arguments("active eq \"true\"", "must be compared with true or false"),
        arguments(ACME + ":level eq \"3\"", "must be compared with a number"),
        arguments("title gt null", "only eq and ne accept null"),
        arguments("emails[type eq 1]", "'emails.type' must be compared with a quoted string"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void validateRejectsNamingTheAttribute(String text, String fragment) {
    ScimError e = catchThrowableOfType(ScimError.class, () -> evaluator.validate(USER, FilterParser.parse(text)));
    assertThat(e).as("validate(%s) must fail", text).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
    assertThat(e.detail()).contains(fragment);
  }

  @Test
  void unparseableDateTimeLiteralFailsEvaluationToo() {
    Filter f = FilterParser.parse("meta.created gt \"13/05/2011\"");
    ScimError e = catchThrowableOfType(ScimError.class, () -> evaluator.matches(USER, USERS.get(0), f));
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
    assertThat(e.detail()).contains("13/05/2011", "meta.created");
  }

  @Test
  void unknownAttributesCountAsMissingWhenNotValidated() {
    assertThat(evaluator.matches(USER, USERS.get(0), FilterParser.parse("nosuch eq \"x\""))).isFalse();
    assertThat(evaluator.matches(USER, USERS.get(0), FilterParser.parse("nosuch ne \"x\""))).isTrue();
  }

  @Test
  void matchesElementEvaluatesRelativeFilterOnOneElement() {
    AttributePath emails = AttributePath.of("emails");
    JsonObject work = new JsonObject().put("value", "a@example.com").put("type", "work").put("primary", true);
    JsonObject home = new JsonObject().put("value", "b@example.org").put("TYPE", "Home");
    Filter workWithExample = FilterParser.parse("type eq \"work\" and value co \"@EXAMPLE.com\"");
    assertThat(evaluator.matchesElement(USER, emails, work, workWithExample)).isTrue();
    assertThat(evaluator.matchesElement(USER, emails, home, workWithExample)).isFalse();
    assertThat(evaluator.matchesElement(USER, emails, home, FilterParser.parse("type eq \"home\" and not (primary eq true)"))).isTrue();
    assertThat(evaluator.matchesElement(USER, new AttributePath(CORE, "emails", null), work, FilterParser.parse("primary eq true"))).isTrue();
    ScimError e = catchThrowableOfType(ScimError.class,
        () -> evaluator.matchesElement(USER, AttributePath.of("userName"), work, FilterParser.parse("value pr")));
    assertThat(e.detail()).contains("'userName' is not a complex attribute");
  }
}
