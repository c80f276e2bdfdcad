package dev.scimbus.storage;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/** Event-bus addresses, in one place so that every verticle agrees on them. */
public final class Addresses {
  /** Where the storage verticles take {@code StorageRequest}s (every node's, round robin). */
  public static final String STORAGE = "scimbus.storage";
  /** Prefix of the node-local address of the storage verticle running on one event loop. */
  static final String STORAGE_ON_LOOP = "scimbus.storage.loop.";
  /** Local map: event-loop thread name → address of the storage verticle on that loop. */
  static final String LOOP_ROUTES = "scimbus.storage.loops";
  /** Where committed changes are published ({@code ChangeRow} bodies). */
  public static final String CHANGES = "scimbus.changes";

  private Addresses() {}

  /**
   * Where a request sent from the calling thread should go: the storage verticle that runs on the
   * caller's own event loop when there is one, else {@link #STORAGE}. Sending to a verticle on the
   * same loop is still an event-bus message (the codecs, timeouts and failure mapping are the
   * same), but it is handed over within one thread instead of waking another one, which on a busy
   * node costs more than the SCIM work of a simple read.
   */
  public static String storageFor(Vertx vertx) {
    LocalMap<String, String> routes = vertx.sharedData().getLocalMap(LOOP_ROUTES);
    String local = routes.get(Thread.currentThread().getName());
    return local != null ? local : STORAGE;
  }
}
