package dev.scimbus.server.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Ordering and cycle detection of BulkRequest operations, without HTTP. */
class ExecutionPlanTest {
  static final SchemaRegistry REGISTRY = SchemaRegistry.defaults();

  static BulkRequest request(JsonObject... ops) {
    return BulkRequest.parse(BulkEndpointTest.bulk(ops), 100, REGISTRY);
  }

  static JsonObject post(String bulkId, String... refs) {
    JsonArray members = new JsonArray();
    for (String r : refs) {
      members.add(new JsonObject().put("value", "bulkId:" + r));
    }
    return BulkEndpointTest.op("POST", "/Groups", bulkId, new JsonObject().put("members", members));
  }

  @Test
  void dependenciesRunFirstOtherwiseRequestOrderIsKept() {
    ExecutionPlan plan = ExecutionPlan.of(request(post("a", "c"), post("b"), post("c", "d"), post("d")));
    assertThat(plan.order()).containsExactly(3, 2, 0, 1);
    assertThat(plan.circular()).isEmpty();
  }

  @Test
  void cyclesAndSelfReferencesAreReportedWithTheirPath() {
    ExecutionPlan plan = ExecutionPlan.of(request(post("a", "b"), post("b", "c"), post("c", "a"), post("self", "self"),
        post("x", "a")));
    assertThat(plan.circular()).containsOnlyKeys(0, 1, 2, 3);
    assertThat(plan.circular().get(1)).isEqualTo("a → b → c → a");
    assertThat(plan.circular().get(3)).isEqualTo("self → self");
    assertThat(plan.order()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(plan.order().indexOf(4)).isGreaterThan(plan.order().indexOf(0));
  }

  @Test
  void duplicateBulkIdsAndBadFailOnErrorsFailTheWholeRequest() {
    assertThatThrownBy(() -> request(post("a"), post("a"))).isInstanceOf(ScimError.class)
        .hasMessageContaining("bulkId 'a' is used by Operations[0] and Operations[1]");
    assertThatThrownBy(() -> BulkRequest.parse(BulkEndpointTest.bulk(post("a")).put("failOnErrors", 0), 10, REGISTRY))
        .hasMessageContaining("failOnErrors");
  }
}
