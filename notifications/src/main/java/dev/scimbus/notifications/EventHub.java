package dev.scimbus.notifications;

import dev.scimbus.notifications.changelog.ChangeLogClient;
import dev.scimbus.notifications.changelog.ChangesReply;
import dev.scimbus.notifications.stream.Subscription;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The node's delivery point: per-tenant subscriber sets, fed with committed change rows by the
 * fan-out transport. It lives on one context; every public method may be called from any thread.
 * Per tenant with subscribers it remembers the last sequence it delivered, drops duplicates, and
 * when a row arrives after a gap (a Pub/Sub message lost in transit) it reads the missing rows
 * from the change log first, so that subscribers see the tenant's rows complete and in order.
 */
public final class EventHub {
  private static final Logger LOG = Logger.getLogger(EventHub.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final ChangeLogClient log;
  private final int pageSize;
  private final Map<String, TenantFeed> feeds = new HashMap<>();

  /** Creates a hub bound to {@code context} (normally the {@link ChangeFeedVerticle}'s). */
  public EventHub(Vertx vertx, Context context, ChangeLogClient log, int pageSize) {
    this.vertx = vertx;
    this.context = context;
    this.log = log;
    this.pageSize = pageSize;
  }

  /** Adds a subscriber; the future completes on the caller's context once live rows reach it. */
  public Future<Void> subscribe(Subscription sub) {
    return ask(() -> {
      feeds.computeIfAbsent(sub.tenant(), TenantFeed::new).subscribers.add(sub);
      return null;
    });
  }

  public void unsubscribe(Subscription sub) {
    onHub(() -> {
      TenantFeed feed = feeds.get(sub.tenant());
      if (feed != null) {
        feed.subscribers.remove(sub);
        if (feed.subscribers.isEmpty() && !feed.filling) {
          feeds.remove(sub.tenant());
        }
      }
    });
  }

  /** Takes one committed row from the transport, in whatever order and multiplicity it came. */
  public void deliver(ChangeRow row) {
    onHub(() -> {
      TenantFeed feed = feeds.get(row.tenant());
      if (feed != null) {
        feed.accept(row);
      }
    });
  }

  /**
   * Reads every active tenant's log after its last delivered row: called when the transport may
   * have lost messages it cannot see a gap for (after a reconnect, and periodically).
   */
  public void resync() {
    onHub(() -> feeds.values().forEach(TenantFeed::catchUp));
  }

  /** Subscribers of a tenant on this node, for health pages and tests. */
  public Future<Integer> subscriberCount(String tenant) {
    return ask(() -> {
      TenantFeed feed = feeds.get(tenant);
      return feed == null ? 0 : feed.subscribers.size();
    });
  }

  // Runs on the hub's context and completes back on the caller's.
  /** A snapshot of a tenant's subscribers on this node, for health pages and tests. */
  public Future<List<Subscription>> subscriptions(String tenant) {
    return ask(() -> {
      TenantFeed feed = feeds.get(tenant);
      return feed == null ? List.<Subscription>of() : List.copyOf(feed.subscribers);
    });
  }

  private <T> Future<T> ask(Supplier<T> action) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    onHub(() -> {
      T result = action.get();
      caller.runOnContext(v -> promise.complete(result));
    });
    return promise.future();
  }

  private void onHub(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** One tenant's delivery state; touched on the hub's context only. */
  private final class TenantFeed {
    final String tenant;
    final Set<Subscription> subscribers = new LinkedHashSet<>();
    final PriorityQueue<ChangeRow> pending = new PriorityQueue<>(Comparator.comparingLong(ChangeRow::sequence));
    long last = -1;
    boolean filling;

    TenantFeed(String tenant) {
      this.tenant = tenant;
    }

    void accept(ChangeRow row) {
      if (filling) {
        pending.add(row);
      } else if (last >= 0 && row.sequence() <= last) {
        return; // a duplicate: replayed by the log already, or published twice
      } else if (last < 0 || row.sequence() == last + 1) {
        fanOut(row);
      } else {
        pending.add(row);
        fill(true);
      }
    }

    void catchUp() {
      if (!filling && last >= 0) {
        fill(false);
      }
    }

    // Reads rows after `last` until the log has no more; then delivers what arrived meanwhile.
    private void fill(boolean gapSeen) {
      filling = true;
      log.read(tenant, last, pageSize).onComplete(ar -> {
        if (ar.failed()) {
          LOG.warning("cannot fill a gap in the change feed of tenant " + tenant + " after " + last + ": "
              + ar.cause().getMessage() + "; subscribers will read the log themselves");
          finishFill();
          return;
        }
        ChangesReply reply = ar.result();
        for (ChangeRow row : reply.rows()) {
          if (row.sequence() > last) {
            fanOut(row);
          }
        }
        if (reply.rows().size() >= pageSize) {
          fill(gapSeen);
        } else {
          finishFill();
        }
      });
    }

    // Whatever still has a gap now the log is read goes out as is: each subscription notices the
    // gap and reads the log on its own, rather than the hub looping on a log that lags behind.
    private void finishFill() {
      filling = false;
      List<ChangeRow> rows = new ArrayList<>(pending.size());
      while (!pending.isEmpty()) {
        rows.add(pending.poll());
      }
      for (ChangeRow row : rows) {
        if (row.sequence() > last) {
          fanOut(row);
        }
      }
      if (subscribers.isEmpty()) {
        feeds.remove(tenant);
      }
    }

    private void fanOut(ChangeRow row) {
      last = row.sequence();
      for (Subscription sub : subscribers) {
        sub.offer(row);
      }
    }
  }
}
