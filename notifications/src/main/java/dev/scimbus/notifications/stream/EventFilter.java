package dev.scimbus.notifications.stream;

import dev.scimbus.scim.ScimError;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which change rows a subscriber wants: resource types (by name {@code User} or endpoint
 * {@code Users}, any case) and event types (full RFC 9967 URIs or the short forms
 * {@code create, put, patch, delete, activate, deactivate}). Empty sets match everything.
 */
public record EventFilter(Set<String> types, Set<String> events) {
  static final String PROV = "urn:ietf:params:scim:event:prov:";
  private static final Set<String> SHORT = Set.of("create", "put", "patch", "delete", "activate", "deactivate");

  public static final EventFilter ALL = new EventFilter(Set.of(), Set.of());

  public EventFilter {
    types = Set.copyOf(types);
    events = Set.copyOf(events);
  }

  /**
   * Parses the {@code types} and {@code events} query parameters (comma-separated, either may be
   * null); 400 invalidValue for an event name that is neither a short form nor an event URI.
   */
  public static EventFilter parse(String types, String events) {
    Set<String> t = new LinkedHashSet<>();
    for (String s : split(types)) {
      t.add(s.toLowerCase(Locale.ROOT));
    }
    Set<String> e = new LinkedHashSet<>();
    for (String s : split(events)) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (SHORT.contains(lower)) {
        e.add(PROV + lower);
      } else if (lower.startsWith("urn:ietf:params:scim:event:")) {
        e.add(lower);
      } else {
        throw ScimError.invalidValue("Unknown event type '" + s + "' in 'events'; use create, put, patch, delete, "
            + "activate, deactivate or an event URI such as " + PROV + "create:full");
      }
    }
    return new EventFilter(t, e);
  }

  public boolean matches(ChangeRow row) {
    return matchesType(row) && matchesEvent(row.event());
  }

  private boolean matchesType(ChangeRow row) {
    if (types.isEmpty()) {
      return true;
    }
    if (row.resourceType() != null && types.contains(row.resourceType().toLowerCase(Locale.ROOT))) {
      return true;
    }
    String endpoint = endpoint(row.event());
    return endpoint != null && types.contains(endpoint.toLowerCase(Locale.ROOT));
  }

  // A short form names the URI prefix, so "create" takes both create:full and create:notice.
  private boolean matchesEvent(JsonObject event) {
    if (events.isEmpty()) {
      return true;
    }
    JsonObject uris = event == null ? null : event.getJsonObject("events");
    if (uris == null) {
      return false;
    }
    for (String uri : uris.fieldNames()) {
      String lower = uri.toLowerCase(Locale.ROOT);
      for (String wanted : events) {
        if (lower.equals(wanted) || lower.startsWith(wanted + ":")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The endpoint of {@code sub_id.uri} ({@code Users} for {@code /Users/42}), or null. */
  private static String endpoint(JsonObject event) {
    JsonObject subId = event == null ? null : event.getJsonObject("sub_id");
    String uri = subId == null ? null : subId.getString("uri");
    if (uri == null || !uri.startsWith("/")) {
      return null;
    }
    int slash = uri.indexOf('/', 1);
    return slash < 0 ? uri.substring(1) : uri.substring(1, slash);
  }

  /** The first event URI of a row's event, the SSE {@code event:} name. */
  public static String firstEventUri(ChangeRow row) {
    JsonObject uris = row.event() == null ? null : row.event().getJsonObject("events");
    if (uris == null || uris.isEmpty()) {
      return "change";
    }
    return uris.fieldNames().iterator().next();
  }

  private static String[] split(String csv) {
    if (csv == null || csv.isBlank()) {
      return new String[0];
    }
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
