package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.storage.ResourceService;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared filter table (invariant 5: the same filter gives the same result set on every
 * backend). Each case runs three ways: through {@link ResourceService} over the backend, directly
 * against the provider when it says it can push the filter down, and through a service over a
 * wrapper that pushes down only plain comparisons and sorts nothing, so the service's residual
 * evaluation is covered for every backend as well. {@code {id:name}} and {@code {created:name}}
 * in a filter stand for that resource's id and meta.created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FilterContract extends ContractSupport {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";
  private static final String ALL_USERS = String.join(",", ContractData.USERS);

  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> created = new HashMap<>();

  @Override
  protected boolean providerPerClass() {
    return true;
  }

  /** The cases only read: the data set is loaded once per class into one provider. */
  @BeforeEach
  void loadData() {
    if (!ids.isEmpty()) {
      return;
    }
    ids.putAll(ContractData.load(u -> {
      StorageReply r = create(TENANT, "User", u);
      created.put(r.body().getString("userName"), r.body().getJsonObject("meta").getString("created"));
      return r.body().getString("id");
    }, g -> create(TENANT, "Group", g).body().getString("id")));
  }

  @AfterAll
  void stopSharedProvider() {
    if (provider != null) {
      await(provider.stop());
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("User", "userName eq \"bjensen\"", "bjensen"),
        c("User", "userName eq \"BJENSEN\"", "bjensen"),
        c("User", "userName eq \"zbrown\"", "ZBrown"),
        c("User", "userName eq \"nobody\""),
        c("User", "userName ne \"bjensen\"", "jsmith,ajones,mlee,ZBrown,kwong,pgarcia,ssato,tnguyen,oadams,rpatel,hkim"),
        c("User", "userName co \"ON\"", "ajones,kwong"),
        c("User", "userName sw \"J\"", "jsmith"),
        c("User", "userName ew \"n\"", "bjensen,ZBrown,tnguyen"),
        c("User", "userName gt \"p\"", "pgarcia,rpatel,ssato,tnguyen,ZBrown"),
        c("User", "userName lt \"b\"", "ajones"),
        c("User", "userName le \"bjensen\"", "ajones,bjensen"),
        c("User", "userName ge \"S\"", "ssato,tnguyen,ZBrown"),
        c("User", "title pr", "bjensen,jsmith,mlee,pgarcia,rpatel"),
        c("User", "not (title pr)", "ajones,ZBrown,kwong,ssato,tnguyen,oadams,hkim"),
        c("User", "name.familyName pr", "bjensen,jsmith,ajones,mlee,ZBrown,pgarcia,ssato,tnguyen,rpatel,hkim"),
        c("User", "name.familyName eq \"kim\"", "hkim"),
        c("User", "name.givenName eq \"kim\"", "kwong"),
        c("User", "displayName co \"jensen\"", "bjensen"),
        c("User", "externalId eq \"E-JSMITH\"", "jsmith"),
        c("User", "externalId eq \"e-jsmith\""),
        c("User", "externalId sw \"E-\"", "bjensen,jsmith"),
        c("User", "active eq true", "bjensen,jsmith,mlee,ZBrown,tnguyen"),
        c("User", "active eq false", "ajones,kwong,rpatel"),
        c("User", "not (active eq true)", "ajones,kwong,pgarcia,ssato,oadams,rpatel,hkim"),
        c("User", "emails.type eq \"home\"", "bjensen,ZBrown"),
        c("User", "emails.value ew \"EXAMPLE.com\"", "bjensen,jsmith,ZBrown,tnguyen,hkim"),
        c("User", "emails pr", "bjensen,jsmith,ajones,ZBrown,tnguyen,hkim"),
        c("User", "emails.primary eq true", "bjensen,ZBrown"),
        c("User", "emails[type eq \"work\" and value co \"example.org\"]", "ajones"),
        c("User", "emails[type eq \"home\" and primary eq true]", "ZBrown"),
        c("User", "emails[type eq \"work\" and primary eq true]", "bjensen"),
        c("User", ENT + "department eq \"Engineering\"", "jsmith,ajones,rpatel"),
        c("User", "department eq \"sales\"", "bjensen,mlee"),
        c("User", ENT + "manager.value eq \"m2\"", "mlee,rpatel"),
        c("User", ENT + "manager pr", "bjensen,jsmith,mlee,rpatel"),
        c("User", "title eq \"Engineer\" and " + ENT + "department eq \"Engineering\"", "jsmith,rpatel"),
        c("User", "title eq \"Engineer\" or userType eq \"Intern\"", "jsmith,mlee,rpatel,kwong"),
        c("User", "(title eq \"Manager\" or nickName pr) and not (userName sw \"s\")", "pgarcia"),
        c("User", "userType eq \"Employee\" and (emails.type eq \"home\" or active eq false)", "bjensen"),
        c("User", "not (userName eq \"bjensen\" or userName eq \"jsmith\")",
            "ajones,mlee,ZBrown,kwong,pgarcia,ssato,tnguyen,oadams,rpatel,hkim"),
        c("User", "name.familyName gt \"O\" and name.familyName lt \"T\"", "rpatel,ssato,jsmith"),
        c("User", "nickName eq \"saku\"", "ssato"),
        c("User", "meta.created gt \"2000-01-01T00:00:00Z\"", ALL_USERS),
        c("User", "meta.created lt \"2000-01-01T00:00:00Z\""),
        c("User", "meta.resourceType eq \"User\"", ALL_USERS),
        c("User", "meta.created ge \"{created:pgarcia}\"", "pgarcia,ssato,tnguyen,oadams,rpatel,hkim"),
        c("User", "meta.lastModified lt \"{created:ajones}\"", "bjensen,jsmith"),
        c("User", "id eq \"{id:mlee}\"", "mlee"),
        c("User", "id eq \"{id:mlee}\" and active eq false"),
        c("User", "userName eq \"rpatel\" and active eq false", "rpatel"),
        c("User", "id eq \"{id:mlee}\" or userName eq \"HKIM\"", "mlee,hkim"),
        c("Group", "displayName eq \"admins\"", "Admins"),
        c("Group", "members.value eq \"{id:bjensen}\"", "Admins,Sales"),
        c("Group", "members[value eq \"{id:jsmith}\"]", "Admins,Engineering"),
        c("Group", "members.value eq \"{id:jsmith}\" and displayName sw \"E\"", "Engineering"),
        c("Group", "not (members pr)", "Empty"),
        c("Group", "members.type eq \"User\" and not (displayName eq \"Sales\")", "Admins,Engineering"));
  }

  private static Arguments c(String type, String filter, String... expected) {
    List<String> names = expected.length == 0 ? List.of() : List.of(expected[0].split(","));
    return Arguments.of(type, filter, names);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("cases")
  void filterThroughService(String type, String filter, List<String> expected) {
    String resolved = resolve(filter);
    assertThat(names(ids(filter(TENANT, type, resolved)))).as(resolved).isEqualTo(new TreeSet<>(expected));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("cases")
  void filterDirectlyOnProviderWhenPushable(String type, String filter, List<String> expected) {
    Filter parsed = FilterParser.parse(resolve(filter));
    if (!provider.canPushDown(parsed)) {
      return;
    }
    List<StoredResource> found = await(provider.query(TENANT, type, StorageQuery.all(parsed)));
    assertThat(names(found.stream().map(StoredResource::id).toList())).as(filter).isEqualTo(new TreeSet<>(expected));
    assertThat(await(provider.count(TENANT, type, parsed))).isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("cases")
  void filterWithResidualEvaluatedByService(String type, String filter, List<String> expected) {
    service = newService(new ComparisonsOnly(provider), serviceOptions());
    String resolved = resolve(filter);
    StorageReply reply = list(TENANT, type, query(resolved, null, null, null, "1000"));
    assertThat(names(ids(reply))).as(resolved).isEqualTo(new TreeSet<>(expected));
    assertThat(reply.body().getLong("totalResults")).isEqualTo(expected.size());
  }

  private String resolve(String filter) {
    Matcher m = Pattern.compile("\\{(id|created):([A-Za-z]+)}").matcher(filter);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = m.group(1).equals("id") ? ids.get(m.group(2)) : created.get(m.group(2));
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private Set<String> names(List<String> foundIds) {
    Map<String, String> byId = new HashMap<>();
    ids.forEach((name, id) -> byId.put(id, name));
    Set<String> out = new TreeSet<>();
    for (String id : foundIds) {
      out.add(byId.getOrDefault(id, "?" + id));
    }
    return out;
  }

  /**
   * A provider that pushes down only a bare attribute comparison and sorts nothing, so every
   * and/or/not, value path and sort goes through the service's in-memory path.
   */
  static final class ComparisonsOnly extends DelegatingProvider {
    ComparisonsOnly(StorageProvider delegate) {
      super(delegate);
    }

    @Override
    public boolean canPushDown(Filter filter) {
      return filter instanceof Filter.Compare && delegate.canPushDown(filter);
    }

    @Override
    public boolean canSort(AttributePath sortBy) {
      return false;
    }
  }

  static List<JsonObject> resources(StorageReply reply) {
    List<JsonObject> out = new ArrayList<>();
    reply.body().getJsonArray("Resources").forEach(o -> out.add((JsonObject) o));
    return out;
  }
}
