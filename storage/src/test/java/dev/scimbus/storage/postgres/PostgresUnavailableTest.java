package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.ResourceService;
import dev.scimbus.storage.ServiceOptions;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §3.6: a backend that is down answers UNAVAILABLE within a bounded time and recovers
 * without a restart. This test owns its server (embedded, always: it must stop and start it), so
 * the other test classes never see it go away.
 */
class PostgresUnavailableTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aStoppedServerIsUnavailableWithinSecondsAndTheProviderRecoversWhenItIsBack() throws Exception {
    int port = freePort();
    Path dir = Files.createTempDirectory("scimbus-pg-unavailable");
    EmbeddedPostgres pg = server(dir, port);
    PostgresStorageProvider provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        "postgresql://postgres:postgres@localhost:" + port + "/postgres?connectTimeout=2s&queryTimeout=3s");
    provider.start().await(60, TimeUnit.SECONDS);
    ResourceService service = new ResourceService(vertx, SchemaRegistry.defaults(), provider, ServiceOptions.DEFAULT);
    try {
      provider.insert("t", resource("r1"), List.of(), draft("r1")).await(10, TimeUnit.SECONDS);

      pg.close();
      assertUnavailableWithinSeconds(provider.get("t", "User", "r1"));
      assertUnavailableWithinSeconds(provider.insert("t", resource("r2"), List.of(), draft("r2")));
      assertUnavailableWithinSeconds(provider.changesAfter("t", 0, 10));
      Throwable viaService = catchThrowable(() -> service.handle(new StorageRequest(Operation.GET, "t", "User", "r1",
          null, null, null, "https://x/scim/v2")).await(10, TimeUnit.SECONDS));
      assertThat(viaService).isInstanceOf(ScimError.class);
      assertThat(((ScimError) viaService).status()).isEqualTo(503);

      pg = server(dir, port);
      StoredResource back = eventually(() -> provider.get("t", "User", "r1"), Duration.ofSeconds(20));
      assertThat(back.id()).isEqualTo("r1");
      provider.insert("t", resource("r3"), List.of(), draft("r3")).await(10, TimeUnit.SECONDS);
      assertThat(provider.changesAfter("t", 0, 10).await(10, TimeUnit.SECONDS)).hasSize(2);
    } finally {
      provider.stop().await(10, TimeUnit.SECONDS);
      pg.close();
    }
  }

  @Test
  void startingAgainstAClosedPortFailsQuicklyAsUnavailable() throws Exception {
    PostgresStorageProvider provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        "postgresql://postgres:postgres@localhost:" + freePort() + "/postgres?connectTimeout=2s&queryTimeout=3s");
    assertUnavailableWithinSeconds(provider.start());
  }

  @Test
  void schemaTenancyAgainstAClosedPortFailsQuicklyAsUnavailable() throws Exception {
    PostgresStorageProvider provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(),
        "postgresql://postgres:postgres@localhost:" + freePort() + "/postgres?connectTimeout=2s&tenancy=schema");
    assertUnavailableWithinSeconds(provider.start());
  }

  private static void assertUnavailableWithinSeconds(Future<?> f) {
    long t0 = System.nanoTime();
    Throwable t = catchThrowable(() -> f.await(15, TimeUnit.SECONDS));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(t).isInstanceOf(StorageException.class);
    assertThat(((StorageException) t).kind()).as(t.toString()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    assertThat(ms).as("milliseconds until the failure").isLessThan(8_000);
  }

  private static <T> T eventually(java.util.function.Supplier<Future<T>> call, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return call.get().await(10, TimeUnit.SECONDS);
      } catch (StorageException e) {
        if (e.kind() != StorageException.Kind.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static EmbeddedPostgres server(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static StoredResource resource(String id) {
    Instant now = Instant.now();
    return new StoredResource("User", id, 1, now, now, new JsonObject().put("id", id).put("userName", id));
  }

  private static ChangeDraft draft(String id) {
    return new ChangeDraft("User", id, "create", 1, new JsonObject().put("id", id));
  }
}
