package dev.scimbus.notifications.stream;

import dev.scimbus.notifications.EventHub;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.notifications.changelog.ChangeLogClient;
import dev.scimbus.notifications.changelog.ChangesReply;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscriber of one tenant's events. It lives on its connection's context; the
 * {@link EventHub} hands it rows from the hub's context through {@link #offer}, which only
 * appends to a bounded queue. The subscription first replays the change log after the client's
 * last event id (live rows queue up meanwhile), then drains the queue, dropping every row it has
 * already sent, so that the stream has no gap and no duplicate. A row that arrives with a gap
 * sends it back to the log; a queue that overflows while live, or an HTTP write queue that stays
 * full longer than {@link NotificationOptions#writeStallMillis()}, closes it as a slow consumer.
 */
public final class Subscription {
  private enum State { REPLAYING, LIVE, CLOSED }

  private final Vertx vertx;
  private final Context context;
  private final String tenant;
  private final EventFilter filter;
  private final EventSink sink;
  private final EventHub hub;
  private final ChangeLogClient log;
  private final NotificationOptions options;

  private final ConcurrentLinkedQueue<ChangeRow> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile boolean overflowed;
  private volatile State state;
  private volatile int maxQueued;

  // Touched on the subscription's context only.
  private long lastSent;
  private long stallTimer = -1;
  private long heartbeatTimer = -1;

  Subscription(Vertx vertx, String tenant, EventFilter filter, EventSink sink, EventHub hub, ChangeLogClient log,
      NotificationOptions options, Long lastEventId) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.tenant = tenant;
    this.filter = filter;
    this.sink = sink;
    this.hub = hub;
    this.log = log;
    this.options = options;
    this.lastSent = lastEventId == null ? -1 : lastEventId;
    this.state = lastEventId == null ? State.LIVE : State.REPLAYING;
  }

  public String tenant() {
    return tenant;
  }

  /** Rows waiting in this subscriber's queue now. */
  public int queued() {
    return queued.get();
  }

  /** The most rows that ever waited in this subscriber's queue. */
  public int maxQueued() {
    return maxQueued;
  }

  /** Registers with the hub (live rows queue up from then on), then replays if the client resumes. */
  void start() {
    sink.closeHandler(v -> close(null, false));
    heartbeatTimer = vertx.setPeriodic(options.heartbeatMillis(), t -> {
      if (state != State.CLOSED && !sink.writeQueueFull()) {
        sink.heartbeat();
      }
    });
    boolean resume = state == State.REPLAYING;
    hub.subscribe(this).onComplete(ar -> {
      if (ar.failed()) {
        close("event hub unavailable", false);
      } else if (resume) {
        catchUp();
      } else {
        drain();
      }
    });
  }

  /** Called by the hub, on the hub's context, with the tenant's rows in sequence order. */
  public void offer(ChangeRow row) {
    if (state == State.CLOSED) {
      return;
    }
    int n = queued.incrementAndGet();
    if (n > options.queueCapacity()) {
      queued.decrementAndGet();
      overflowed = true;
    } else {
      queue.add(row);
      if (n > maxQueued) {
        maxQueued = n;
      }
    }
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  /** Closes from any thread; {@code reason} null means the peer went away on its own. */
  public void closeAsync(String reason) {
    context.runOnContext(v -> close(reason, false));
  }

  private void drain() {
    drainScheduled.set(false);
    if (state == State.CLOSED) {
      return;
    }
    if (overflowed && state == State.LIVE) {
      close("slow consumer", true);
      return;
    }
    if (state != State.LIVE) {
      return;
    }
    while (!sink.writeQueueFull()) {
      ChangeRow row = queue.poll();
      if (row == null) {
        return;
      }
      queued.decrementAndGet();
      if (row.sequence() <= lastSent) {
        continue;
      }
      if (lastSent >= 0 && row.sequence() > lastSent + 1) {
        // The hub could not close this gap; the log has the row, so read from there.
        catchUp();
        return;
      }
      emit(row);
    }
    whenWritable(this::drain);
  }

  // Reads the log after lastSent page by page, pacing on the connection's write queue.
  private void catchUp() {
    state = State.REPLAYING;
    log.read(tenant, lastSent, options.replayPageSize()).onComplete(ar -> {
      if (state == State.CLOSED) {
        return;
      }
      if (ar.failed()) {
        close("change log unavailable", false);
        return;
      }
      ChangesReply reply = ar.result();
      // The first row the log still has; retention may also overtake a live subscriber that had
      // to go back to the log. The rows decide when there are any: oldestSequence is read after
      // them, and a prune in between must not announce a gap that the rows do not have.
      long available = reply.rows().isEmpty() ? reply.oldestSequence() : reply.rows().get(0).sequence();
      if (lastSent >= 0 && available > lastSent + 1) {
        sink.reset(lastSent, available);
      }
      for (ChangeRow row : reply.rows()) {
        if (row.sequence() > lastSent) {
          emit(row);
        }
      }
      if (reply.rows().size() >= options.replayPageSize()) {
        whenWritable(this::catchUp);
      } else if (overflowed) {
        // Live rows were dropped while replaying; they are in the log, so read on from there.
        overflowed = false;
        discardQueue();
        whenWritable(this::catchUp);
      } else {
        state = State.LIVE;
        drain();
      }
    });
  }

  private void emit(ChangeRow row) {
    if (filter.matches(row)) {
      sink.send(row);
    }
    lastSent = row.sequence();
  }

  private void whenWritable(Runnable next) {
    if (!sink.writeQueueFull()) {
      next.run();
      return;
    }
    if (stallTimer < 0) {
      stallTimer = vertx.setTimer(options.writeStallMillis(), t -> {
        stallTimer = -1;
        close("slow consumer", true);
      });
    }
    sink.drainHandler(v -> {
      cancelStallTimer();
      if (state != State.CLOSED) {
        next.run();
      }
    });
  }

  private void close(String reason, boolean slow) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancelStallTimer();
    vertx.cancelTimer(heartbeatTimer);
    discardQueue();
    hub.unsubscribe(this);
    if (reason != null) {
      sink.close(reason, slow);
    }
  }

  private void discardQueue() {
    while (queue.poll() != null) {
      queued.decrementAndGet();
    }
  }

  private void cancelStallTimer() {
    if (stallTimer >= 0) {
      vertx.cancelTimer(stallTimer);
      stallTimer = -1;
    }
  }
}
