package dev.scimbus.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant the generator talks to, identified on the server only by its bearer token (the server
 * resolves the tenant from the credential, so the base URL stays the same for every tenant).
 */
public record Tenant(String name, String token) {

  /** Parses {@code a=tokA,b=tokB}; an entry without {@code =} is a token for a tenant named after its position. */
  public static List<Tenant> parseList(String spec) {
    List<Tenant> tenants = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return tenants;
    }
    for (String entry : spec.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      if (eq < 0) {
        tenants.add(new Tenant("t" + tenants.size(), e));
      } else {
        tenants.add(new Tenant(e.substring(0, eq).trim(), e.substring(eq + 1).trim()));
      }
    }
    return tenants;
  }
}
