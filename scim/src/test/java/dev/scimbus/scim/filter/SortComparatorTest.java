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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SortComparatorTest {
  private final FilterEvaluator evaluator = new FilterEvaluator(UserFixtures.REGISTRY);

  static Stream<Arguments> orders() {
    return Stream.of(
        // case-insensitive userName; u6 stores it under "UserName"
        arguments("userName", false, "u3 u1 u4 u5 u6 u7 u8 u2"),
        arguments("userName", true, "u2 u8 u7 u6 u5 u4 u1 u3"),
        // instants, not strings: u6 is 2016-01-01T00:00-05:00
        arguments("meta.created", false, "u5 u1 u2 u3 u4 u6 u7 u8"),
        arguments("meta.lastModified", true, "u4 u8 u7 u6 u2 u3 u1 u5"),
        // missing values last in both orders, ties by id; "" counts as missing
        arguments("title", false, "u2 u6 u1 u3 u4 u5 u7 u8"),
        arguments("title", true, "u1 u6 u2 u3 u4 u5 u7 u8"),
        // numbers numerically (10 after 3), equal values (4.5 and 4.50) tie-broken by id
        arguments(ACME + ":level", false, "u3 u1 u4 u2 u5 u6 u7 u8"),
        arguments(ACME + ":score", true, "u5 u1 u2 u3 u4 u6 u7 u8"),
        // booleans: false before true
        arguments("active", false, "u3 u6 u1 u2 u4 u7 u8 u5"),
        // multi-valued: the primary value, else the first
        arguments("emails", false, "u3 u1 u5 u6 u8 u2 u4 u7"),
        arguments("emails.type", false, "u3 u5 u1 u2 u6 u8 u4 u7"),
        arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", false,
            "u2 u3 u5 u6 u1 u4 u7 u8"));
  }

  @ParameterizedTest(name = "[{index}] {0} descending={1}")
  @MethodSource("orders")
  void sortsInTotalOrder(String sortBy, boolean descending, String expectedIds) {
    List<JsonObject> shuffled = new ArrayList<>(USERS);
    Collections.shuffle(shuffled, new Random(sortBy.hashCode()));
    shuffled.sort(evaluator.sortComparator(USER, AttributePath.parse(sortBy), descending));
    assertThat(shuffled.stream().map(u -> u.getString("id"))).containsExactly(expectedIds.split(" "));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("nosuch", "sortBy 'nosuch' is not an attribute of resource type User"),
        arguments("password", "sortBy 'password' is write-only"),
        arguments("name", "sortBy 'name' is a complex attribute"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejectsUnsortableAttributes(String sortBy, String fragment) {
    ScimError e = catchThrowableOfType(ScimError.class,
        () -> evaluator.sortComparator(USER, AttributePath.parse(sortBy), false));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).isEqualTo(ScimType.invalidValue);
    assertThat(e.detail()).contains(fragment);
  }
}
