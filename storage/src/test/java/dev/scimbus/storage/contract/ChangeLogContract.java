package dev.scimbus.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.storage.spi.ChangeRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Change-log retention ({@code pruneChanges}, {@code tenantsWithChanges}) and what a resuming
 * reader sees afterwards ({@code oldestSequence}). Commit times come from the backend's clock, so
 * the age tests separate "old" and "young" rows by a pause on both sides of the cut.
 */
public abstract class ChangeLogContract extends ContractSupport {
  private static final Instant FAR_PAST = Instant.parse("2000-01-01T00:00:00Z");

  private List<ChangeRow> write(String tenant, int n, String prefix) {
    for (int i = 0; i < n; i++) {
      createUser(tenant, prefix + i);
    }
    return changes(tenant);
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(60);
  }

  @Test
  void countRetentionKeepsTheNewestRowsAndMovesTheOldestSequence() {
    List<ChangeRow> rows = write(TENANT, 10, "u");

    assertThat(await(provider.pruneChanges(TENANT, FAR_PAST, 4))).isEqualTo(6L);

    assertThat(changes(TENANT)).isEqualTo(rows.subList(6, 10));
    assertThat(await(provider.oldestSequence(TENANT))).isEqualTo(rows.get(6).sequence());
    assertThat(await(provider.changesAfter(TENANT, rows.get(2).sequence(), 100))).isEqualTo(rows.subList(6, 10));
    assertThat(await(provider.pruneChanges(TENANT, FAR_PAST, 4))).as("a second run has nothing left to do").isZero();
  }

  @Test
  void ageRetentionRemovesRowsCommittedBeforeTheCut() throws Exception {
    List<ChangeRow> old = write(TENANT, 3, "old");
    pause();
    Instant cut = Instant.now();
    pause();
    List<ChangeRow> all = write(TENANT, 2, "new");

    assertThat(await(provider.pruneChanges(TENANT, cut, 1_000_000))).isEqualTo(3L);

    assertThat(changes(TENANT)).isEqualTo(all.subList(3, 5));
    assertThat(await(provider.oldestSequence(TENANT))).isEqualTo(old.get(2).sequence() + 1);
  }

  @Test
  void bothLimitsApplyTheStricterOneWins() throws Exception {
    write(TENANT, 2, "old");
    pause();
    Instant cut = Instant.now();
    pause();
    List<ChangeRow> all = write(TENANT, 5, "new");

    assertThat(await(provider.pruneChanges(TENANT, cut, 3))).as("3 rows by count beat 5 young ones").isEqualTo(4L);
    assertThat(changes(TENANT)).isEqualTo(all.subList(4, 7));
  }

  @Test
  void anEmptiedLogStillTellsAReaderWhatItMissedAndSequencesGoOn() {
    List<ChangeRow> rows = write(TENANT, 3, "u");
    long last = rows.get(2).sequence();

    assertThat(await(provider.pruneChanges(TENANT, Instant.now().plusSeconds(60), 1_000_000))).isEqualTo(3L);

    assertThat(changes(TENANT)).isEmpty();
    assertThat(await(provider.oldestSequence(TENANT))).as("one past the last sequence written").isEqualTo(last + 1);
    assertThat(await(provider.tenantsWithChanges())).doesNotContain(TENANT);

    createUser(TENANT, "after");
    List<ChangeRow> after = changes(TENANT);
    assertThat(after).hasSize(1);
    assertThat(after.get(0).sequence()).isEqualTo(last + 1);
    assertThat(await(provider.oldestSequence(TENANT))).isEqualTo(last + 1);
  }

  @Test
  void pruningIsPerTenantAndTenantsWithChangesListsOnlyTenantsWithRows() {
    write(TENANT, 5, "a");
    List<ChangeRow> other = write(OTHER, 2, "b");
    assertThat(await(provider.tenantsWithChanges())).containsExactlyInAnyOrder(TENANT, OTHER);

    assertThat(await(provider.pruneChanges(TENANT, FAR_PAST, 0))).isEqualTo(5L);

    assertThat(changes(OTHER)).isEqualTo(other);
    assertThat(await(provider.tenantsWithChanges())).containsExactly(OTHER);
  }

  @Test
  void aTenantThatNeverWroteHasNothingToPruneAndOldestSequenceZero() {
    write(TENANT, 1, "a");

    assertThat(await(provider.pruneChanges("never-wrote", Instant.now().plusSeconds(60), 0))).isZero();

    assertThat(await(provider.oldestSequence("never-wrote"))).isZero();
    assertThat(await(provider.tenantsWithChanges())).containsExactly(TENANT);
  }
}
