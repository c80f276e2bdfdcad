package dev.scimbus.notifications;

/**
 * Event-bus addresses the notifications module adds next to {@code dev.scimbus.storage.Addresses}.
 * Kept here so that the storage module does not have to change for the feed to read the log; the
 * integrator may move the constant into {@code Addresses} without changing its value.
 */
public final class NotificationAddresses {
  /** Where {@code ChangeLogReader} answers {@code ChangesRequest}s with {@code ChangesReply}s. */
  public static final String CHANGES_READ = "scimbus.changes.read";

  private NotificationAddresses() {}
}
