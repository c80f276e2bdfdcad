package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.PasswordHasher;
import dev.scimbus.storage.ResourceService;
import dev.scimbus.storage.ServiceOptions;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the storage contract suite: a fresh provider per test (from {@link #newProvider}),
 * a {@link ResourceService} over it with a clock that advances one second per reading (so
 * creation times are distinct and ordered), and helpers that speak in SCIM requests.
 */
public abstract class ContractSupport {
  protected static final String TENANT = "tenant-a";
  protected static final String OTHER = "tenant-b";
  protected static final String BASE = "https://scim.example.com/scim/v2";
  protected static final String ENTERPRISE = SchemaRegistry.ENTERPRISE_USER;
  protected static final Instant EPOCH = Instant.parse("2024-05-01T10:00:00Z");

  /** One Vert.x per test class: creating one per test costs more than the tests themselves. */
  protected static Vertx vertx;
  protected SchemaRegistry registry;
  protected StorageProvider provider;
  protected ResourceService service;

  /** A new, empty provider for one test; the suite starts and stops it. */
  protected abstract StorageProvider newProvider(Vertx vertx);

  /** Options of the service under test; backends may override to exercise limits. */
  protected ServiceOptions serviceOptions() {
    return ServiceOptions.DEFAULT;
  }

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  /**
   * Whether one provider serves every test of the class. Only for read-only suites (the filter
   * table): starting a backend and loading its data per case would dominate the build time.
   */
  protected boolean providerPerClass() {
    return false;
  }

  @BeforeEach
  void startProvider() {
    if (provider != null && providerPerClass()) {
      return;
    }
    registry = SchemaRegistry.defaults();
    provider = newProvider(vertx);
    await(provider.start());
    service = newService(provider, serviceOptions());
  }

  @AfterEach
  void stopProvider() {
    if (!providerPerClass()) {
      await(provider.stop());
    }
  }

  protected ResourceService newService(StorageProvider p, ServiceOptions options) {
    AtomicLong ticks = new AtomicLong();
    Clock ticking = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return EPOCH.plusSeconds(ticks.getAndIncrement());
      }
    };
    return new ResourceService(vertx, registry, p, options, ticking, PasswordHasher.sha256(vertx));
  }

  // ------------------------------------------------------------ requests

  protected Future<StorageReply> send(Operation op, String tenant, String type, String id, JsonObject body,
      String ifMatch, QueryParams query) {
    return service.handle(new StorageRequest(op, tenant, type, id, body, ifMatch, query, BASE));
  }

  protected StorageReply create(String tenant, String type, JsonObject body) {
    return await(send(Operation.CREATE, tenant, type, null, body, null, null));
  }

  protected String createUser(String tenant, String userName) {
    return create(tenant, "User", user(userName)).body().getString("id");
  }

  protected StorageReply get(String tenant, String type, String id) {
    return await(send(Operation.GET, tenant, type, id, null, null, null));
  }

  protected StorageReply replace(String tenant, String type, String id, JsonObject body, String ifMatch) {
    return await(send(Operation.REPLACE, tenant, type, id, body, ifMatch, null));
  }

  protected StorageReply patch(String tenant, String type, String id, String ifMatch, JsonObject... ops) {
    return await(send(Operation.PATCH, tenant, type, id, patchBody(ops), ifMatch, null));
  }

  protected StorageReply delete(String tenant, String type, String id, String ifMatch) {
    return await(send(Operation.DELETE, tenant, type, id, null, ifMatch, null));
  }

  protected StorageReply list(String tenant, String type, QueryParams q) {
    return await(send(Operation.LIST, tenant, type, null, null, null, q));
  }

  protected StorageReply filter(String tenant, String type, String filter) {
    return list(tenant, type, new QueryParams(filter, null, null, null, "1000", null, null, null));
  }

  protected static QueryParams query(String filter, String sortBy, String sortOrder, String startIndex, String count) {
    return new QueryParams(filter, sortBy, sortOrder, startIndex, count, null, null, null);
  }

  protected List<ChangeRow> changes(String tenant) {
    return await(provider.changesAfter(tenant, 0, 10_000));
  }

  // ------------------------------------------------------------ bodies

  protected static JsonObject user(String userName) {
    return new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.USER)).put("userName", userName);
  }

  protected static JsonObject group(String displayName, String... memberIds) {
    JsonObject g = new JsonObject().put("schemas", new JsonArray().add(SchemaRegistry.GROUP))
        .put("displayName", displayName);
    if (memberIds.length > 0) {
      JsonArray members = new JsonArray();
      for (String id : memberIds) {
        members.add(new JsonObject().put("value", id));
      }
      g.put("members", members);
    }
    return g;
  }

  protected static JsonObject op(String op, String path, Object value) {
    JsonObject o = new JsonObject().put("op", op);
    if (path != null) {
      o.put("path", path);
    }
    if (value != null) {
      o.put("value", value);
    }
    return o;
  }

  protected static JsonObject patchBody(JsonObject... ops) {
    return new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray(List.of((Object[]) ops)));
  }

  protected static List<String> ids(StorageReply listReply) {
    return listReply.body().getJsonArray("Resources", new JsonArray()).stream()
        .map(o -> ((JsonObject) o).getString("id")).toList();
  }

  // ------------------------------------------------------------ futures

  protected static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The SCIM error a request fails with; fails the test if it succeeds or fails otherwise. */
  protected static ScimError error(Future<?> f) {
    try {
      Object ok = await(f);
      return fail("expected a SCIM error but got " + (ok instanceof StorageReply r ? r.status() + " " + r.body() : ok));
    } catch (ScimError e) {
      return e;
    }
  }

  protected static void assertError(Future<?> f, int status, String scimType) {
    ScimError e = error(f);
    assertThat(e.status()).as(e.toString()).isEqualTo(status);
    if (scimType != null) {
      assertThat(e.scimType()).as(e.toString()).isNotNull();
      assertThat(e.scimType().name()).isEqualTo(scimType);
    }
  }
}
