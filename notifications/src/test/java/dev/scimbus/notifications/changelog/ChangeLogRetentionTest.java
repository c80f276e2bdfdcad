package dev.scimbus.notifications.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.memory.MemoryStorageProvider;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The retention task over a real (memory) provider: what a pass removes, per tenant, and on its own timer. */
@Timeout(30)
class ChangeLogRetentionTest {
  private final Vertx vertx = Vertx.vertx();
  private final MemoryStorageProvider provider = new MemoryStorageProvider(SchemaRegistry.defaults());

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void write(String tenant, int n) {
    for (int i = 0; i < n; i++) {
      String id = tenant + "-" + i;
      Instant now = Instant.now();
      provider.insert(tenant, new StoredResource("User", id, 1, now, now, new JsonObject().put("id", id)), List.of(),
          new ChangeDraft("User", id, "create", 1, new JsonObject())).await();
    }
  }

  private long rows(String tenant) {
    return provider.changesAfter(tenant, 0, 100_000).await().size();
  }

  private ChangeLogRetention deploy(ChangeLogRetention retention) {
    vertx.deployVerticle(retention, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
    return retention;
  }

  @Test
  void aPassKeepsAtMostMaxRowsOfEveryTenant() {
    write("a", 10);
    write("b", 3);
    ChangeLogRetention retention = deploy(new ChangeLogRetention(provider,
        new RetentionOptions(Duration.ZERO, 4, Duration.ofHours(1))));

    assertThat(retention.runOnce().await()).isEqualTo(6L);

    assertThat(rows("a")).isEqualTo(4);
    assertThat(rows("b")).isEqualTo(3);
    assertThat(provider.oldestSequence("a").await()).isEqualTo(7L);
  }

  @Test
  void theAgeLimitCountsFromTheTasksClock() {
    write("a", 5);
    Clock weekLater = Clock.fixed(Instant.now().plus(Duration.ofDays(7)).plusSeconds(1), ZoneOffset.UTC);
    ChangeLogRetention retention = deploy(new ChangeLogRetention(provider,
        new RetentionOptions(Duration.ofDays(7), 0, Duration.ofHours(1)), weekLater));

    assertThat(retention.runOnce().await()).isEqualTo(5L);
    assertThat(rows("a")).isZero();
    assertThat(provider.oldestSequence("a").await()).as("a resuming reader learns it missed 1..5").isEqualTo(6L);
  }

  @Test
  void runsOnItsOwnTimer() throws InterruptedException {
    write("a", 10);
    deploy(new ChangeLogRetention(provider, new RetentionOptions(Duration.ZERO, 2, Duration.ofMillis(50))));

    long deadline = System.currentTimeMillis() + 5000;
    while (rows("a") > 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(rows("a")).isEqualTo(2);
  }

  @Test
  void aTenantThatFailsDoesNotStopThePass() {
    write("a", 5);
    write("b", 5);
    // Every call goes to the real provider, except that pruning tenant a fails.
    StorageProvider failingForA = (StorageProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StorageProvider.class}, (proxy, method, args) ->
            method.getName().equals("pruneChanges") && "a".equals(args[0])
                ? Future.failedFuture(StorageException.unavailable("down", null))
                : method.invoke(provider, args));
    ChangeLogRetention retention = deploy(new ChangeLogRetention(failingForA,
        new RetentionOptions(Duration.ZERO, 1, Duration.ofHours(1))));

    assertThat(retention.runOnce().await()).isEqualTo(4L);
    assertThat(rows("a")).isEqualTo(5);
    assertThat(rows("b")).isEqualTo(1);
  }
}
