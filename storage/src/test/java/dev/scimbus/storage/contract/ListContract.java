package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.bus.StorageReply;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sorting and index paging over the contract data set, pushed down and in memory. */
public abstract class ListContract extends ContractSupport {
  private final Map<String, String> names = new HashMap<>();
  private Map<String, String> ids;

  @BeforeEach
  void loadData() {
    ids = ContractData.load(u -> create(TENANT, "User", u).body().getString("id"),
        g -> create(TENANT, "Group", g).body().getString("id"));
    ids.forEach((name, id) -> names.put(id, name));
  }

  private List<String> userNames(StorageReply r) {
    return ids(r).stream().map(names::get).toList();
  }

  private static List<String> reversed(List<String> in) {
    List<String> out = new ArrayList<>(in);
    java.util.Collections.reverse(out);
    return out;
  }

  @Test
  void sortsByUserNameCaseInsensitively() {
    List<String> asc = List.of("ajones", "bjensen", "hkim", "jsmith", "kwong", "mlee", "oadams", "pgarcia", "rpatel",
        "ssato", "tnguyen", "ZBrown");
    assertThat(userNames(list(TENANT, "User", query(null, "userName", null, null, null)))).isEqualTo(asc);
    assertThat(userNames(list(TENANT, "User", query(null, "userName", "descending", null, null))))
        .isEqualTo(reversed(asc));
  }

  @Test
  void sortsMissingValuesLastInBothOrders() {
    List<String> asc = userNames(list(TENANT, "User", query(null, "name.familyName", "ascending", null, null)));
    assertThat(asc.subList(0, 10)).containsExactly("ZBrown", "pgarcia", "bjensen", "ajones",
        "hkim", "mlee", "tnguyen", "rpatel", "ssato", "jsmith");
    assertThat(asc.subList(10, 12)).containsExactlyInAnyOrder("kwong", "oadams");
    List<String> desc = userNames(list(TENANT, "User", query(null, "name.familyName", "descending", null, null)));
    assertThat(desc.subList(0, 10)).isEqualTo(reversed(asc.subList(0, 10)));
    assertThat(desc.subList(10, 12)).containsExactlyInAnyOrder("kwong", "oadams");
  }

  @Test
  void defaultOrderIsCreationOrder() {
    assertThat(userNames(list(TENANT, "User", query(null, null, null, null, null)))).isEqualTo(ContractData.USERS);
  }

  @Test
  void pagesCoverEveryResourceExactlyOnce() {
    for (String sortBy : new String[] {null, "userName", "name.familyName"}) {
      for (int size = 1; size <= 5; size++) {
        List<String> seen = new ArrayList<>();
        for (int start = 1; start <= 12; start += size) {
          StorageReply page = list(TENANT, "User", query(null, sortBy, null, Integer.toString(start),
              Integer.toString(size)));
          JsonObject body = page.body();
          assertThat(body.getLong("totalResults")).isEqualTo(12);
          assertThat(body.getInteger("startIndex")).isEqualTo(start);
          assertThat(body.getInteger("itemsPerPage")).isEqualTo(Math.min(size, 12 - start + 1));
          seen.addAll(ids(page));
        }
        assertThat(seen).as("sortBy %s, page size %d", sortBy, size).doesNotHaveDuplicates().hasSize(12);
      }
    }
  }

  @Test
  void pagingParametersAreLenientWhereTheRfcAllows() {
    StorageReply countOnly = list(TENANT, "User", query("active eq true", null, null, null, "0"));
    assertThat(countOnly.body().getLong("totalResults")).isEqualTo(5);
    assertThat(countOnly.body().containsKey("Resources")).isFalse();
    assertThat(list(TENANT, "User", query(null, null, null, null, "-3")).body().getLong("totalResults")).isEqualTo(12);
    StorageReply fromZero = list(TENANT, "User", query(null, null, null, "0", "2"));
    assertThat(fromZero.body().getInteger("startIndex")).isEqualTo(1);
    assertThat(userNames(fromZero)).containsExactly("bjensen", "jsmith");
    assertThat(ids(list(TENANT, "User", query(null, null, null, "13", "5")))).isEmpty();
    assertThat(ids(list(TENANT, "User", query(null, null, null, null, "99999999999")))).hasSize(12);
  }

  @Test
  void tooManyCandidatesForInMemoryWorkIs400() {
    service = newService(new FilterContract.ComparisonsOnly(provider), serviceOptions().withMaxInMemoryCandidates(5));
    assertError(send(dev.scimbus.storage.bus.Operation.LIST, TENANT, "User", null, null, null,
        query("title pr or active eq true", null, null, null, null)), 400, "tooMany");
    // a pushable filter needs no candidates in memory
    assertThat(ids(list(TENANT, "User", query(null, null, null, null, null)))).hasSize(12);
  }
}
