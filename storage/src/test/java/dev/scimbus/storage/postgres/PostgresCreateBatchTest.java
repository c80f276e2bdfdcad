package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Group commit of creates (CreateBatches): concurrent creates of one tenant on one event loop
 * commit together in fewer transactions, each still answered with its own change sequence, and
 * a duplicate among them fails alone.
 */
class PostgresCreateBatchTest extends FreshProviderTest {
  private static final String TENANT = "batch-tenant";

  @Test
  void concurrentCreatesOnOneLoopCommitTogetherWithContiguousSequences() throws Exception {
    List<Future<Committed>> results = createOnOneLoop(200, -1);
    List<Long> sequences = new ArrayList<>();
    for (Future<Committed> f : results) {
      assertThat(f.succeeded()).as(String.valueOf(f.cause())).isTrue();
      sequences.add(f.result().change().sequence());
    }
    assertThat(sequences).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 200);
    // each create's change row is its own: the sequence the caller got names its resource
    List<ChangeRow> log = provider.changesAfter(TENANT, 0, 1000).await(10, TimeUnit.SECONDS);
    assertThat(log).extracting(ChangeRow::sequence).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 200).boxed().toList());
    for (Future<Committed> f : results) {
      ChangeRow row = log.get((int) f.result().change().sequence() - 1);
      assertThat(row.resourceId()).isEqualTo(f.result().resource().id());
      assertThat(provider.get(TENANT, "User", row.resourceId()).await(10, TimeUnit.SECONDS).data().getString("userName"))
          .isEqualTo(f.result().resource().data().getString("userName"));
    }
    // rows written by one transaction share its xmin
    long transactions = provider.primaryPool().query(
        "SELECT count(DISTINCT xmin::text) FROM resources WHERE tenant = '" + TENANT + "'").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(transactions).as("transactions for 200 concurrent creates").isLessThan(100);
  }

  @Test
  void aDuplicateAmongConcurrentCreatesFailsAloneAndLeavesNoGap() throws Exception {
    List<Future<Committed>> results = createOnOneLoop(60, 37);
    List<Future<Committed>> failed = results.stream().filter(Future::failed).toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).cause()).isInstanceOf(StorageException.class);
    StorageException e = (StorageException) failed.get(0).cause();
    assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
    assertThat(e.getMessage()).contains("userName");
    List<ChangeRow> log = provider.changesAfter(TENANT, 0, 1000).await(10, TimeUnit.SECONDS);
    assertThat(log).extracting(ChangeRow::sequence).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 59).boxed().toList());
  }

  /** {@code n} creates issued at once from one event loop; create {@code duplicateOf + 1} repeats that one's userName. */
  private List<Future<Committed>> createOnOneLoop(int n, int duplicateOf) throws Exception {
    CompletableFuture<List<Future<Committed>>> issued = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Future<Committed>> all = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < n; i++) {
        String id = "u-" + i;
        String userName = "user" + (i == duplicateOf + 1 ? duplicateOf : i);
        JsonObject data = new JsonObject().put("id", id).put("userName", userName);
        all.add(provider.insert(TENANT, new StoredResource("User", id, 1, now, now, data),
            List.of(new UniqueKey("userName", userName)), new ChangeDraft("User", id, "create", 1,
                new JsonObject().put("id", id))));
      }
      issued.complete(all);
    });
    List<Future<Committed>> all = issued.get(10, TimeUnit.SECONDS);
    Future.join(new ArrayList<>(all)).otherwiseEmpty().await(60, TimeUnit.SECONDS);  // all done, some may have failed
    return all;
  }
}
