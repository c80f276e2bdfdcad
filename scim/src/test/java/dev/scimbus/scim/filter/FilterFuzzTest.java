package dev.scimbus.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.path.PatchPath;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Generative tests of the parser and printer. Plain {@code mvn test} replays the seed inputs in
 * {@code FilterFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} explores further.
 */
class FilterFuzzTest {
  /** Printing normalises spacing ({@code not(} becomes {@code not (}), so it may grow a little. */
  private static final FilterLimits REPARSE = new FilterLimits(Integer.MAX_VALUE, FilterLimits.DEFAULT.maxDepth());
  private static final String[] NAMES = {"userName", "emails", "value", "type", "not", "and", "or", "pr", "eq",
      "true", "null", "a-b", "x_1", "$ref", "Name"};
  private static final String[] URNS = {"urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:a:b", "urn:x-y:z.1:2.0:T"};

  @FuzzTest(maxDuration = "10s")
  void parseReturnsFilterOrThrowsScimError(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      assertThat(FilterParser.parse(text)).isNotNull();
    } catch (ScimError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo(ScimType.invalidFilter);
      assertThat(e.detail()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void parsedFiltersRoundTrip(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Filter filter;
    try {
      filter = FilterParser.parse(text);
    } catch (ScimError e) {
      return;
    }
    assertThat(FilterParser.parse(filter.toString(), REPARSE)).isEqualTo(filter);
  }

  @FuzzTest(maxDuration = "10s")
  void patchPathsParseOrFailWithInvalidPathAndRoundTrip(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    PatchPath path;
    try {
      path = PatchPath.parse(text);
    } catch (ScimError e) {
      assertThat(e.scimType()).isEqualTo(ScimType.invalidPath);
      return;
    }
    assertThat(PatchPath.parse(path.toString())).isEqualTo(path);
  }

  @FuzzTest(maxDuration = "10s")
  void generatedTreesPrintAndParseBackEqual(FuzzedDataProvider data) {
    Filter filter = filter(data, 0, false);
    String printed = filter.toString();
    assertThat(FilterParser.parse(printed, REPARSE)).as(printed).isEqualTo(filter);
  }

  private static Filter filter(FuzzedDataProvider data, int depth, boolean relative) {
    int kind = data.consumeInt(0, depth >= 5 ? 1 : 5);
    switch (kind) {
      case 0:
        return new Filter.Compare(path(data, relative), data.pickValue(CompareOp.values()), literal(data));
      case 1:
        return new Filter.Present(path(data, relative));
      case 2:
        if (relative) {
          return new Filter.Not(filter(data, depth + 1, true));
        }
        AttributePath attr = path(data, false);
        return new Filter.ValuePath(attr.parent(), filter(data, depth + 1, true));
      case 3:
        return new Filter.And(filter(data, depth + 1, relative), filter(data, depth + 1, relative));
      case 4:
        return new Filter.Or(filter(data, depth + 1, relative), filter(data, depth + 1, relative));
      default:
        return new Filter.Not(filter(data, depth + 1, relative));
    }
  }

  private static AttributePath path(FuzzedDataProvider data, boolean relative) {
    String name = name(data);
    if (relative) {
      return AttributePath.of(name);
    }
    String urn = data.consumeBoolean() ? data.pickValue(URNS) : null;
    String sub = data.consumeBoolean() ? name(data) : null;
    return new AttributePath(urn, name, sub);
  }

  private static String name(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.pickValue(NAMES);
    }
    String tail = data.consumeAsciiString(8).replaceAll("[^A-Za-z0-9_-]", "");
    return (char) ('a' + data.consumeInt(0, 25)) + tail;
  }

  private static Object literal(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 3)) {
      case 0:
        return data.consumeString(24);
      case 1:
        return new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt(-40, 40));
      case 2:
        return data.consumeBoolean();
      default:
        return null;
    }
  }
}
