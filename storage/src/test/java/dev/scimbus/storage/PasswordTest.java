package dev.scimbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.contract.ContractSupport;
import dev.scimbus.storage.memory.MemoryStorageProvider;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Passwords end to end through {@link ResourceService}: stored as Argon2id PHC strings hashed on a
 * worker thread, old {@code {sha256}} values still verify, PUT and PATCH rehash only a new
 * password, and neither the password nor its hash is in any response or change event.
 */
class PasswordTest extends ContractSupport {
  /** Cheap parameters keep the suite fast; the format and code path are those of the defaults. */
  private static final Argon2Params CHEAP = new Argon2Params(1024, 1, 1);
  private static final String SECRET = "Tr0ub4dor&3-unique-7f3a";

  @Override
  protected StorageProvider newProvider(Vertx vertx) {
    return new MemoryStorageProvider(SchemaRegistry.defaults());
  }

  @Override
  protected ResourceService newService(StorageProvider p, ServiceOptions options) {
    return new ResourceService(vertx, registry, p, options, Clock.systemUTC(), PasswordHasher.argon2id(vertx, CHEAP));
  }

  private String storedPassword(String id) {
    return await(provider.get(TENANT, "User", id)).data().getString("password");
  }

  @Test
  void theDefaultHashIsArgon2idAtOwaspParametersInPhcFormat() {
    PasswordHasher hasher = PasswordHasher.argon2id(vertx, ServiceOptions.DEFAULT.argon2());
    String stored = await(hasher.hash(SECRET));
    assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify(SECRET, stored)).isTrue();
    assertThat(hasher.verify(SECRET + "x", stored)).isFalse();
    assertThat(await(hasher.hash(SECRET))).as("salted").isNotEqualTo(stored);
  }

  @Test
  void oldSha256HashesStillVerifyAndMalformedValuesMatchNothing() {
    String legacy = await(PasswordHasher.sha256(vertx).hash(SECRET));
    PasswordHasher argon = PasswordHasher.argon2id(vertx, CHEAP);
    assertThat(argon.verify(SECRET, legacy)).isTrue();
    assertThat(argon.verify("wrong", legacy)).isFalse();
    String good = await(argon.hash(SECRET));
    assertThat(argon.verify(SECRET, good.substring(0, good.length() - 2) + "AA")).isFalse();
    assertThat(argon.verify(SECRET, "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(argon.verify(SECRET, "$argon2id$garbage")).isFalse();
    assertThat(argon.verify(SECRET, "{sha256}not base64:!!")).isFalse();
    assertThat(argon.verify(SECRET, null)).isFalse();
  }

  @Test
  void hashingRunsOnAWorkerThreadNeverOnTheEventLoop() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    PasswordHasher.Argon2id observed = new PasswordHasher.Argon2id(vertx, CHEAP) {
      @Override
      byte[] derive(String plain, byte[] salt, Argon2Params p, int length) {
        threads.add(Thread.currentThread().getName() + " worker=" + Context.isOnWorkerThread()
            + " eventLoop=" + Context.isOnEventLoopThread());
        return super.derive(plain, salt, p, length);
      }
    };
    Promise<String> done = Promise.promise();
    vertx.runOnContext(v -> {
      assertThat(Context.isOnEventLoopThread()).isTrue();
      observed.hash(SECRET).onComplete(done);
    });
    assertThat(await(done.future())).startsWith("$argon2id$");
    assertThat(threads).singleElement().asString().contains("worker=true", "eventLoop=false");
  }

  @Test
  void putAndPatchRehashANewPasswordAndKeepTheHashOtherwise() {
    PasswordHasher hasher = PasswordHasher.argon2id(vertx, CHEAP);
    String id = create(TENANT, "User", user("bjensen").put("password", SECRET)).body().getString("id");
    String first = storedPassword(id);
    assertThat(first).startsWith("$argon2id$");
    assertThat(hasher.verify(SECRET, first)).isTrue();

    patch(TENANT, "User", id, null, op("replace", "displayName", "Babs"));
    assertThat(storedPassword(id)).as("PATCH not touching the password").isEqualTo(first);

    patch(TENANT, "User", id, null, op("replace", "password", "n3w-" + SECRET));
    String second = storedPassword(id);
    assertThat(second).startsWith("$argon2id$").isNotEqualTo(first);
    assertThat(hasher.verify("n3w-" + SECRET, second)).isTrue();

    replace(TENANT, "User", id, user("bjensen").put("displayName", "B"), null);
    assertThat(storedPassword(id)).as("PUT without a password").isEqualTo(second);

    replace(TENANT, "User", id, user("bjensen").put("password", "th1rd-" + SECRET), null);
    String third = storedPassword(id);
    assertThat(hasher.verify("th1rd-" + SECRET, third)).isTrue();
    assertThat(third).isNotEqualTo(second);
  }

  @Test
  void neitherPasswordNorHashIsInAnyResponseOrChangeEvent() {
    String id = create(TENANT, "User", user("bjensen").put("password", SECRET)).body().getString("id");
    patch(TENANT, "User", id, null, op("replace", "password", SECRET + "2"));
    replace(TENANT, "User", id, user("bjensen").put("password", SECRET + "3"), null);
    String hash = storedPassword(id);
    List<String> outputs = new java.util.ArrayList<>();
    outputs.add(get(TENANT, "User", id).body().encode());
    outputs.add(list(TENANT, "User", new QueryParams(null, null, null, null, null, "password", null, null)).body()
        .encode());
    outputs.add(list(TENANT, "User", new QueryParams(null, null, null, null, null, "userName,password", null, ""))
        .body().encode());
    outputs.add(await(send(Operation.GET, TENANT, "User", id, null, null, QueryParams.projection("password", null)))
        .body().encode());
    JsonObject search = new JsonObject().put("schemas",
        new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest")).put("attributes",
        new JsonArray().add("password"));
    outputs.add(await(send(Operation.SEARCH, TENANT, "User", null, search, null, null)).body().encode());
    for (ChangeRow row : changes(TENANT)) {
      outputs.add(row.event().encode());
    }
    String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    for (String out : outputs) {
      assertThat(out).doesNotContain(SECRET, b64, hash, "$argon2id$").doesNotContainIgnoringCase("\"password\"");
    }
  }

  @Test
  void filteringOrSortingOnPasswordIsRefused() {
    createUser(TENANT, "bjensen");
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query("password eq \"x\"", null, null, null,
        null)), 400, null);
    assertError(send(Operation.LIST, TENANT, "User", null, null, null, query(null, "password", null, null, null)),
        400, null);
  }
}
