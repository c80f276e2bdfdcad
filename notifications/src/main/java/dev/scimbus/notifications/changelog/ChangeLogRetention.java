package dev.scimbus.notifications.changelog;

import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prunes every tenant's change log in the background, per {@link RetentionOptions}: every
 * interval it asks the provider which tenants have change rows and prunes them one after another,
 * so a run costs one backend call at a time and never overlaps the previous one. Deploy it next
 * to the {@link ChangeLogReader}, sharing the provider, as a worker verticle: the memory backend
 * prunes on the calling thread. With a shared backend every node runs one; pruning is idempotent,
 * so they only repeat each other's work.
 */
public final class ChangeLogRetention extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ChangeLogRetention.class.getName());

  private final StorageProvider provider;
  private final RetentionOptions options;
  private final Clock clock;
  private long timer = -1;
  private Future<Long> running;

  public ChangeLogRetention(StorageProvider provider, RetentionOptions options) {
    this(provider, options, Clock.systemUTC());
  }

  public ChangeLogRetention(StorageProvider provider, RetentionOptions options, Clock clock) {
    this.provider = provider;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    if (options.enabled()) {
      timer = vertx.setPeriodic(options.interval().toMillis(), t -> runOnce());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /**
   * One pass over every tenant; the rows removed in total. A pass still running is returned
   * instead of starting another. A failure for one tenant is logged and the pass goes on.
   */
  public Future<Long> runOnce() {
    if (running != null && !running.isComplete()) {
      return running;
    }
    Instant cutoff = options.cutoff(clock.instant());
    running = provider.tenantsWithChanges()
        .compose(tenants -> pruneEach(tenants, 0, cutoff, 0L))
        .onSuccess(removed -> {
          if (removed > 0) {
            LOG.fine(() -> "change-log retention removed " + removed + " rows");
          }
        })
        .onFailure(e -> LOG.log(Level.WARNING, "change-log retention could not list tenants: " + e.getMessage()));
    return running;
  }

  private Future<Long> pruneEach(List<String> tenants, int i, Instant cutoff, long total) {
    if (i >= tenants.size()) {
      return Future.succeededFuture(total);
    }
    String tenant = tenants.get(i);
    return provider.pruneChanges(tenant, cutoff, options.rowLimit())
        .recover(e -> {
          LOG.warning("change-log retention failed for tenant " + tenant + ": " + e.getMessage());
          return Future.succeededFuture(0L);
        })
        .compose(n -> pruneEach(tenants, i + 1, cutoff, total + n));
  }
}
