package dev.scimbus.storage;

/** Event-bus addresses, in one place so that every verticle agrees on them. */
public final class Addresses {
  /** Where the storage verticle takes {@code StorageRequest}s. */
  public static final String STORAGE = "scimbus.storage";
  /** Where committed changes are published ({@code ChangeRow} bodies). */
  public static final String CHANGES = "scimbus.changes";

  private Addresses() {}
}
