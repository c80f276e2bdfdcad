package dev.scimbus.scim.event;

import dev.scimbus.scim.ScimError;

/** The provisioning event URIs of RFC 9967 §2.4 that scimbus emits. */
public enum EventType {
  CREATE_FULL("urn:ietf:params:scim:event:prov:create:full"),
  CREATE_NOTICE("urn:ietf:params:scim:event:prov:create:notice"),
  PUT_FULL("urn:ietf:params:scim:event:prov:put:full"),
  PUT_NOTICE("urn:ietf:params:scim:event:prov:put:notice"),
  PATCH_FULL("urn:ietf:params:scim:event:prov:patch:full"),
  PATCH_NOTICE("urn:ietf:params:scim:event:prov:patch:notice"),
  DELETE("urn:ietf:params:scim:event:prov:delete"),
  ACTIVATE("urn:ietf:params:scim:event:prov:activate"),
  DEACTIVATE("urn:ietf:params:scim:event:prov:deactivate");

  private final String uri;

  EventType(String uri) {
    this.uri = uri;
  }

  public String uri() {
    return uri;
  }

  /** True for the {@code :full} events, whose payload carries the resource as {@code data}. */
  public boolean isFull() {
    return uri.endsWith(":full");
  }

  /** True for the {@code :notice} events, whose payload lists changed {@code attributes}. */
  public boolean isNotice() {
    return uri.endsWith(":notice");
  }

  /** The type for a URI (case-insensitive); 400 invalidValue for a URI we do not know. */
  public static EventType fromUri(String uri) {
    for (EventType t : values()) {
      if (t.uri.equalsIgnoreCase(uri)) {
        return t;
      }
    }
    throw ScimError.invalidValue("Unknown SCIM event URI '" + uri + "'");
  }
}
