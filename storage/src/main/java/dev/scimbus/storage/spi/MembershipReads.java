package dev.scimbus.storage.spi;

import io.vertx.core.Future;
import java.util.List;

/**
 * A provider that reads a resource together with the groups listing it, in one round trip. A GET
 * of a user returns its derived {@code groups}; without this capability that is the resource
 * read plus a query for {@code members.value eq "<id>"} (sent at the same time). A provider
 * implements it only when one statement does both, and must then answer exactly what those two
 * reads would: the groups of {@code groupType} with a {@code members[].value} equal to the id
 * ignoring case (members.value is not caseExact), in the default (creation) order.
 */
public interface MembershipReads {

  /** The resource (NOT_FOUND if there is none) and the groups listing its id. */
  Future<WithGroups> getWithGroups(String tenant, String resourceType, String id, String groupType);

  /** A resource and the groups that list it. */
  record WithGroups(StoredResource resource, List<GroupRef> groups) {
    public WithGroups {
      groups = List.copyOf(groups);
    }
  }

  /** A group listing the resource: its id and its displayName as stored (null if it has none). */
  record GroupRef(String id, Object display) {}
}
