package dev.scimbus.scim.filter;

import static dev.scimbus.scim.filter.CompareOp.CO;
import static dev.scimbus.scim.filter.CompareOp.EW;
import static dev.scimbus.scim.filter.CompareOp.GE;
import static dev.scimbus.scim.filter.CompareOp.GT;
import static dev.scimbus.scim.filter.CompareOp.LE;
import static dev.scimbus.scim.filter.CompareOp.LT;
import static dev.scimbus.scim.filter.CompareOp.NE;
import static dev.scimbus.scim.filter.CompareOp.SW;
import static dev.scimbus.scim.filter.Filters.and;
import static dev.scimbus.scim.filter.Filters.cmp;
import static dev.scimbus.scim.filter.Filters.eq;
import static dev.scimbus.scim.filter.Filters.n;
import static dev.scimbus.scim.filter.Filters.not;
import static dev.scimbus.scim.filter.Filters.or;
import static dev.scimbus.scim.filter.Filters.pr;
import static dev.scimbus.scim.filter.Filters.vp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.path.AttributePath;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";

  static Stream<Arguments> valid() {
    Filter a = pr("a");
    Filter b = pr("b");
    Filter c = pr("c");
    return Stream.of(
        // RFC 7644 §3.4.2.2 examples
        arguments("userName eq \"bjensen\"", eq("userName", "bjensen")),
        arguments("name.familyName co \"O'Malley\"", cmp("name.familyName", CO, "O'Malley")),
        arguments("userName sw \"J\"", cmp("userName", SW, "J")),
        arguments(CORE + ":userName sw \"J\"", cmp(CORE + ":userName", SW, "J")),
        arguments("title pr", pr("title")),
        arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", GT, "2011-05-13T04:42:34Z")),
        arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", GE, "2011-05-13T04:42:34Z")),
        arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", LT, "2011-05-13T04:42:34Z")),
        arguments("meta.lastModified le \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", LE, "2011-05-13T04:42:34Z")),
        arguments("title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
        arguments("title pr or userType eq \"Intern\"", or(pr("title"), eq("userType", "Intern"))),
        arguments("schemas eq \"" + ENT + "\"", eq("schemas", ENT)),
        arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            and(eq("userType", "Employee"), or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org")))),
        arguments("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            and(cmp("userType", NE, "Employee"), not(or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org"))))),
        arguments("userType eq \"Employee\" and (emails.type eq \"work\")", and(eq("userType", "Employee"), eq("emails.type", "work"))),
        arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            and(eq("userType", "Employee"), vp("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))))),
        arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            or(vp("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))),
                vp("ims", and(eq("type", "xmpp"), cmp("value", CO, "@foo.com"))))),
        // every operator
        arguments("a ne \"x\"", cmp("a", NE, "x")),
        arguments("a co \"x\"", cmp("a", CO, "x")),
        arguments("a ew \"x\"", cmp("a", EW, "x")),
        arguments("a gt 1", cmp("a", GT, n("1"))),
        arguments("a le 1", cmp("a", LE, n("1"))),
        // precedence and grouping
        arguments("a pr or b pr and c pr", or(a, and(b, c))),
        arguments("a pr and b pr or c pr", or(and(a, b), c)),
        arguments("a pr and b pr and c pr", and(and(a, b), c)),
        arguments("a pr or b pr or c pr", or(or(a, b), c)),
        arguments("a pr and (b pr or c pr)", and(a, or(b, c))),
        arguments("(a pr or b pr) and c pr", and(or(a, b), c)),
        arguments("a pr and (b pr and c pr)", and(a, and(b, c))),
        arguments("a pr or (b pr or c pr)", or(a, or(b, c))),
        arguments("not (a pr) and b pr", and(not(a), b)),
        arguments("not (a pr or b pr)", not(or(a, b))),
        arguments("not (not (a pr))", not(not(a))),
        arguments("((a pr))", a),
        arguments("a pr and not (b pr) or c pr", or(and(a, not(b)), c)),
        arguments("a pr or not (b pr) and c pr", or(a, and(not(b), c))),
        arguments("(a pr)and(b pr)", and(a, b)),
        arguments("a pr and(b pr)", and(a, b)),
        // case-insensitive keywords, operators and literals; names keep the client's case
        arguments("userName EQ \"x\"", eq("userName", "x")),
        arguments("userName Eq \"x\"", eq("userName", "x")),
        arguments("title PR", pr("title")),
        arguments("a pr AND b pr", and(a, b)),
        arguments("a pr Or b pr", or(a, b)),
        arguments("NOT (a pr)", not(a)),
        arguments("Not(a pr)", not(a)),
        arguments("active eq TRUE", eq("active", true)),
        arguments("active eq False", eq("active", false)),
        arguments("x eq NULL", eq("x", null)),
        arguments("UserName eq \"x\"", eq("UserName", "x")),
        arguments("EMAILS[TYPE Eq \"Work\"]", vp("EMAILS", eq("TYPE", "Work"))),
        // URN prefixes (the URN itself contains dots: 2.0)
        arguments(ENT + ":manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
            eq(ENT + ":manager.value", "26118915-6090-4610-87e4-49d8ca9f808d")),
        arguments(ENT + ":employeeNumber eq \"701984\"", eq(ENT + ":employeeNumber", "701984")),
        arguments(CORE + ":name.givenName sw \"B\"", cmp(CORE + ":name.givenName", SW, "B")),
        arguments("URN:IETF:params:scim:schemas:core:2.0:User:userName pr", pr("URN:IETF:params:scim:schemas:core:2.0:User:userName")),
        arguments(CORE + ":emails[type eq \"work\"]", vp(CORE + ":emails", eq("type", "work"))),
        // string escapes
        arguments("a eq \"say \\\"hi\\\"\"", eq("a", "say \"hi\"")),
        arguments("a eq \"back\\\\slash\"", eq("a", "back\\slash")),
        arguments("a eq \"line\\nbreak\\ttab\\rret\"", eq("a", "line\nbreak\ttab\rret")),
        arguments("a eq \"\\b\\f\\/\"", eq("a", "\b\f/")),
        arguments("a eq \"\\u00e9t\\u00E9\"", eq("a", "été")),
        arguments("a eq \"\\ud83d\\ude00\"", eq("a", "\ud83d\ude00")),
        arguments("a eq \"\"", eq("a", "")),
        arguments("a eq \"日本 – ü\"", eq("a", "日本 – ü")),
        arguments("a eq \"x and y or not (z)\"", eq("a", "x and y or not (z)")),
        arguments("a eq \"paren ) ] [ pr\"", eq("a", "paren ) ] [ pr")),
        // numbers keep their exact BigDecimal
        arguments("a eq 0", eq("a", n("0"))),
        arguments("a eq 42", eq("a", n("42"))),
        arguments("a eq -7", eq("a", n("-7"))),
        arguments("a eq 3.14", eq("a", n("3.14"))),
        arguments("a eq -0.5", eq("a", n("-0.5"))),
        arguments("a eq 1e3", eq("a", n("1E+3"))),
        arguments("a eq 2.5E-3", eq("a", n("0.0025"))),
        arguments("a eq 100.00", eq("a", n("100.00"))),
        arguments("a eq 12345678901234567890123", eq("a", n("12345678901234567890123"))),
        // booleans, null, dateTimes as strings
        arguments("active ne true", cmp("active", NE, true)),
        arguments("x ne null", cmp("x", NE, null)),
        arguments("meta.created gt \"2011-05-13T04:42:34+02:00\"", cmp("meta.created", GT, "2011-05-13T04:42:34+02:00")),
        // whitespace, odd but legal names
        arguments("  userName   eq   \"x\"  ", eq("userName", "x")),
        arguments("a pr\tand\nb pr", and(a, b)),
        arguments("not eq \"x\"", eq("not", "x")),
        arguments("not pr", pr("not")),
        arguments("and pr or or pr", or(pr("and"), pr("or"))),
        arguments("a-b_c9 pr", pr("a-b_c9")),
        arguments("members[$ref pr]", vp("members", pr("$ref"))),
        // value paths
        arguments("emails[type eq \"work\"]", vp("emails", eq("type", "work"))),
        arguments("emails[not (type eq \"work\")]", vp("emails", not(eq("type", "work")))),
        arguments("emails[type eq \"work\" or (primary eq true and value pr)]",
            vp("emails", or(eq("type", "work"), and(eq("primary", true), pr("value"))))),
        arguments("emails[type eq \"work\"]and b pr", and(vp("emails", eq("type", "work")), b)),
        arguments("name.givenName eq \"B\" and name.familyName eq \"J\"", and(eq("name.givenName", "B"), eq("name.familyName", "J"))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parsesToExpectedTree(String text, Filter expected) {
    Filter parsed = FilterParser.parse(text);
    assertThat(parsed).isEqualTo(expected);
    assertThat(FilterParser.parse(parsed.toString())).as("round trip of %s", parsed).isEqualTo(parsed);
  }

  @Test
  void valuePathInnerPathsAreRelative() {
    Filter.ValuePath v = (Filter.ValuePath) FilterParser.parse("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"]");
    assertThat(v.attribute()).isEqualTo(new AttributePath(CORE, "emails", null));
    assertThat(((Filter.Compare) v.filter()).path()).isEqualTo(AttributePath.of("type"));
  }

  static Stream<Arguments> invalid() {
    String ctl = "a eq \"x\u0001\"";
    return Stream.of(
        arguments("userName equals \"x\"", new String[] {"Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) at position 10 but found 'equals'"}),
        arguments("userName \"bjensen\"", new String[] {"Expected an operator", "position 10", "found '\"bjensen\"'"}),
        arguments("userName", new String[] {"Expected an operator", "position 9", "the end of the filter"}),
        arguments("title pr \"x\"", new String[] {"'pr' operator takes no value", "position 10"}),
        arguments("title pr 5", new String[] {"'pr' operator takes no value", "position 10"}),
        arguments("title pr true", new String[] {"'pr' operator takes no value"}),
        arguments("userName eq \"abc", new String[] {"Unterminated string starting at position 13"}),
        arguments("userName eq \"abc\\\"", new String[] {"Unterminated string starting at position 13"}),
        arguments("userName eq", new String[] {"Expected a value", "position 12", "end of the filter"}),
        arguments("userName eq bjensen", new String[] {"Expected a value", "position 13", "'bjensen'"}),
        arguments("a[b[c eq 1]]", new String[] {"cannot be nested", "position 4", "opened at position 2"}),
        arguments("userName eq \"x\" garbage", new String[] {"Expected 'and', 'or' or the end of the filter at position 17 but found 'garbage'"}),
        arguments("userName eq \"x\")", new String[] {"at position 16", "found ')'"}),
        arguments("(userName eq \"x\"", new String[] {"Expected ')', 'and' or 'or' at position 17"}),
        arguments("", new String[] {"empty"}),
        arguments("   ", new String[] {"empty"}),
        arguments("a pr and", new String[] {"Expected an attribute path, '(' or 'not' at position 9", "end of the filter"}),
        arguments("and", new String[] {"Expected an operator", "position 4"}),
        arguments("a pr or or", new String[] {"Expected an operator", "position 11"}),
        arguments("emails[type eq \"work\"", new String[] {"Expected ']', 'and' or 'or' at position 22"}),
        arguments("emails[type eq \"work\"].value eq \"x\"", new String[] {"cannot be followed by '.subAttribute'", "position 23"}),
        arguments("name.givenName[x eq 1]", new String[] {"not to the sub-attribute 'name.givenName'"}),
        arguments("a.b.c eq 1", new String[] {"at most one '.'", "position 3"}),
        arguments("1abc eq 1", new String[] {"Expected an attribute name", "position 1", "'1abc'"}),
        arguments("a eq \"\\x\"", new String[] {"Invalid escape '\\x' at position 7"}),
        arguments("a eq \"\\u12\"", new String[] {"4 hex digits", "position 7"}),
        arguments("a eq 1.", new String[] {"Malformed number", "position 8"}),
        arguments("a eq -", new String[] {"Malformed number", "position 7"}),
        arguments("a eq 1e", new String[] {"Malformed number", "position 8"}),
        arguments("a eq 1abc", new String[] {"after the value at position 6", "'abc' at position 7"}),
        arguments("a eq truex", new String[] {"Expected a value", "position 6", "'truex'"}),
        arguments("a eq 1e99999999999", new String[] {"out of range", "position 6"}),
        arguments("not a pr", new String[] {"Expected '(' after 'not' at position 5"}),
        arguments("not (a pr", new String[] {"Expected ')', 'and' or 'or' at position 10"}),
        arguments("a pr and )", new String[] {"Expected an attribute path", "position 10", "')'"}),
        arguments("foo:bar eq 1", new String[] {"':' at position 4", "schema URN"}),
        arguments("urn:foo eq 1", new String[] {"Expected a schema URN", "position 1"}),
        arguments("a gt", new String[] {"Expected a value", "position 5"}),
        arguments("emails[]", new String[] {"Expected an attribute path", "position 8", "']'"}),
        arguments("a eq \"x\"]", new String[] {"position 9", "']'"}),
        arguments("[a pr]", new String[] {"Expected an attribute path", "position 1", "'['"}),
        arguments(ctl, new String[] {"Control character U+0001 at position 8"}),
        arguments("a eq \"x\"y", new String[] {"after the value at position 6", "'y' at position 9"}),
        arguments("a eq @", new String[] {"Expected a value", "position 6", "'@'"}));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejectsWithPositionAndExpectation(String text, String[] fragments) {
    ScimError e = catchThrowableOfType(ScimError.class, () -> FilterParser.parse(text));
    assertThat(e).as("parse(%s) must fail", text).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
    assertThat(e.detail()).contains(fragments);
  }

  @Test
  void rejectsNullText() {
    ScimError e = catchThrowableOfType(ScimError.class, () -> FilterParser.parse(null));
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
  }

  @Test
  void rejectsOverLengthNamingTheLimit() {
    String text = "userName eq \"" + "x".repeat(5000) + "\"";
    ScimError e = catchThrowableOfType(ScimError.class, () -> FilterParser.parse(text));
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
    assertThat(e.detail()).contains("5014 characters", "maxLength", "4096");
    assertThat(catchThrowableOfType(ScimError.class, () -> FilterParser.parse("a pr and b pr", new FilterLimits(5, 32))).detail())
        .contains("limit (maxLength) is 5");
  }

  @Test
  void acceptsExactlyTheDepthLimitAndRejectsOneMore() {
    String ok = "(".repeat(32) + "a pr" + ")".repeat(32);
    assertThat(FilterParser.parse(ok)).isEqualTo(pr("a"));
    String deep = "(".repeat(33) + "a pr" + ")".repeat(33);
    ScimError e = catchThrowableOfType(ScimError.class, () -> FilterParser.parse(deep));
    assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
    assertThat(e.detail()).contains("more than 32 levels (maxDepth)", "position 33");
    String nots = "not (".repeat(33) + "a pr" + ")".repeat(33);
    assertThat(catchThrowableOfType(ScimError.class, () -> FilterParser.parse(nots)).detail()).contains("maxDepth");
    assertThat(catchThrowableOfType(ScimError.class, () -> FilterParser.parse("emails[(a pr)]", new FilterLimits(100, 1))).detail())
        .contains("more than 1 levels");
  }

  @Test
  void longFlatChainsAreNotLimitedByDepthAndRoundTrip() {
    String text = String.join(" and ", java.util.Collections.nCopies(400, "a pr"));
    Filter f = FilterParser.parse(text);
    assertThat(f.toString()).isEqualTo(text);
    assertThat(FilterParser.parse(f.toString())).isEqualTo(f);
  }

  @Test
  void printsMinimalParentheses() {
    assertThat(FilterParser.parse("(a pr and b pr) or (c pr and (d pr or e pr))").toString())
        .isEqualTo("a pr and b pr or c pr and (d pr or e pr)");
    assertThat(FilterParser.parse("a eq \"q\\\"\\\\\\n\"").toString()).isEqualTo("a eq \"q\\\"\\\\\\n\"");
    assertThat(FilterParser.parse("x eq 1E3").toString()).isEqualTo("x eq 1E+3");
  }
}
