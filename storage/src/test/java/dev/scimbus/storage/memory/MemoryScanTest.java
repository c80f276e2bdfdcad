package dev.scimbus.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.contract.ContractSupport;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scans skip resources whose encoded JSON cannot contain a compared value; these cases check that
 * nothing that matches is skipped: other letter case, non-ASCII text that folds to ASCII, JSON
 * escapes, and values the skip must not be tried for.
 */
class MemoryScanTest extends ContractSupport {
  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return new MemoryStorageProvider(SchemaRegistry.defaults());
  }

  private List<String> userNames(String filter) {
    StorageReply r = filter(TENANT, "User", filter);
    List<String> out = new ArrayList<>();
    r.body().getJsonArray("Resources", new JsonArray()).forEach(o -> out.add(((JsonObject) o).getString("userName")));
    return out;
  }

  @Test
  void substringFiltersFindEveryLetterCase() {
    create(TENANT, "User", user("a").put("emails", new JsonArray().add(new JsonObject().put("value", "Ann@Example.COM"))));
    create(TENANT, "User", user("b").put("emails", new JsonArray().add(new JsonObject().put("value", "bob@other.org"))));
    assertThat(userNames("emails co \"ann@example\"")).containsExactly("a");
    assertThat(userNames("emails.value sw \"ANN@\" and userName eq \"a\"")).containsExactly("a");
    assertThat(userNames("emails ew \".ORG\"")).containsExactly("b");
    assertThat(userNames("emails co \"nobody\"")).isEmpty();
  }

  @Test
  void nonAsciiTextThatFoldsToAsciiIsNeverSkipped() {
    // U+212A KELVIN SIGN equalsIgnoreCase 'k'; the encoded JSON holds no ASCII 'k' for it.
    create(TENANT, "User", user("kelvin").put("displayName", "\u212Aelvin").put("title", "\u212Aing"));
    assertThat(userNames("title eq \"king\"")).containsExactly("kelvin");
    assertThat(userNames("title co \"KIN\"")).containsExactly("kelvin");
  }

  @Test
  void escapedCharactersAndNonTextComparisonsAreEvaluated() {
    create(TENANT, "User", user("q").put("title", "say \"hi\" \\ now").put("nickName", "tab\there"));
    assertThat(userNames("title co \"\\\"hi\\\"\"")).containsExactly("q");
    assertThat(userNames("nickName eq \"tab\\there\"")).containsExactly("q");
    assertThat(userNames("meta.created gt \"2000-01-01T00:00:00Z\" and title co \"say\"")).containsExactly("q");
    assertThat(userNames("active eq true or title co \"now\"")).containsExactly("q");
  }
}
