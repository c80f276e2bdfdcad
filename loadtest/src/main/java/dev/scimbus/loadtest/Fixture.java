package dev.scimbus.loadtest;

import java.util.List;
import java.util.Map;

/**
 * Data created before warmup that read and update scenarios work on: users of the primary
 * tenant, and one group per tenant for membership changes. {@code runId} keeps names of
 * different runs against the same persistent store apart.
 */
record Fixture(String runId, List<UserRef> users, Map<String, String> groupIdByTenant) {

  /** A user the server created: its server-assigned id and the userName we chose. */
  record UserRef(String id, String userName) {}

  Fixture {
    users = List.copyOf(users);
    groupIdByTenant = Map.copyOf(groupIdByTenant);
  }

  UserRef user(long n) {
    return users.get((int) Math.floorMod(n, (long) users.size()));
  }
}
