package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.spi.MembershipReads;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Group membership rules: members must be existing Users or Groups of the tenant (their
 * {@code type}, {@code $ref} and {@code display} are filled by the server), and {@code User.groups}
 * is derived from the groups that list the user, never stored.
 */
final class Membership {
  /** Users per groups query: keeps the OR chain well inside SQL expression-depth limits. */
  private static final int BATCH = 100;


  /** Finds the resources of a type matching a filter, pushing down what the provider can. */
  interface Finder {
    Future<List<StoredResource>> find(String tenant, ResourceType rt, Filter filter);
  }

  private final SchemaRegistry registry;
  private final StorageProvider provider;
  private final Finder finder;
  private final ResourceType userType;
  private final ResourceType groupType;

  Membership(SchemaRegistry registry, StorageProvider provider, Finder finder) {
    this.registry = registry;
    this.provider = provider;
    this.finder = finder;
    this.userType = registry.resourceTypes().stream()
        .filter(rt -> rt.schema().equalsIgnoreCase(SchemaRegistry.USER)).findFirst().orElse(null);
    this.groupType = registry.resourceTypes().stream()
        .filter(rt -> rt.schema().equalsIgnoreCase(SchemaRegistry.GROUP)).findFirst().orElse(null);
  }

  ResourceType groupType() {
    return groupType;
  }

  /** Whether resources of {@code rt} carry the derived {@code groups} attribute. */
  boolean derivesGroups(ResourceType rt) {
    return groupType != null && rt.schema().equalsIgnoreCase(SchemaRegistry.USER);
  }

  /** The groups listing {@code memberId} directly, in default order. */
  Future<List<StoredResource>> groupsListing(String tenant, String memberId) {
    return finder.find(tenant, groupType, ResourceService.membersValueEq(memberId));
  }

  /** {@code User.groups}: {@code [{value, $ref, display, type: "direct"}]}. */
  Future<JsonArray> groupsOf(String tenant, String userId, String baseUrl) {
    return groupsOfAll(tenant, List.of(userId), baseUrl).map(all -> all.getOrDefault(userId, new JsonArray()));
  }

  /**
   * {@code User.groups} of a whole page of users with one query per {@value #BATCH} users, not
   * one per user: the groups listing any of them, then each user's share.
   */
  Future<Map<String, JsonArray>> groupsOfAll(String tenant, List<String> userIds, String baseUrl) {
    List<Future<List<StoredResource>>> batches = new ArrayList<>();
    for (int from = 0; from < userIds.size(); from += BATCH) {
      Filter any = null;
      for (String id : userIds.subList(from, Math.min(userIds.size(), from + BATCH))) {
        Filter one = ResourceService.membersValueEq(id);
        any = any == null ? one : new Filter.Or(any, one);
      }
      batches.add(finder.find(tenant, groupType, any));
    }
    return Future.all(batches).map(done -> {
      Map<String, String> wanted = new HashMap<>();
      userIds.forEach(id -> wanted.put(id.toLowerCase(Locale.ROOT), id));
      Map<String, JsonArray> out = new HashMap<>();
      Set<String> seenGroups = new HashSet<>();
      for (Future<List<StoredResource>> batch : batches) {
        for (StoredResource g : batch.result()) {
          if (!seenGroups.add(g.id()) || !(g.data().getValue("members") instanceof JsonArray members)) {
            continue;
          }
          JsonObject entry = entry(g.id(), g.data().getValue("displayName"), baseUrl);
          for (Object m : members) {
            Object value = m instanceof JsonObject o ? o.getValue("value") : null;
            String user = value instanceof String v ? wanted.get(v.toLowerCase(Locale.ROOT)) : null;
            if (user != null) {
              out.computeIfAbsent(user, u -> new JsonArray()).add(entry);
            }
          }
        }
      }
      return out;
    });
  }

  /** {@code User.groups} from the groups a provider read with the user ({@link MembershipReads}). */
  JsonArray groupsOf(List<MembershipReads.GroupRef> groups, String baseUrl) {
    JsonArray out = new JsonArray();
    groups.forEach(g -> out.add(entry(g.id(), g.display(), baseUrl)));
    return out;
  }

  /** One {@code User.groups} value: {@code {value, $ref, display, type: "direct"}}. */
  private JsonObject entry(String groupId, Object display, String baseUrl) {
    JsonObject entry = new JsonObject().put("value", groupId).put("$ref", ref(baseUrl, groupType, groupId));
    if (display != null) {
      entry.put("display", display);
    }
    return entry.put("type", "direct");
  }

  /**
   * Checks and completes {@code members} of a group in place: each value must name an existing
   * User or Group (else 400 invalidValue naming the id); {@code type} and {@code $ref} come from
   * the member, {@code display} too unless the client sent one; a value listed twice is kept once.
   * Members the stored group already has are not looked up again, so adding one member to a large
   * group costs one look-up, not one per member.
   */
  Future<Void> resolveMembers(String tenant, ResourceType rt, JsonObject input, JsonObject existing, String baseUrl) {
    if (!rt.schema().equalsIgnoreCase(SchemaRegistry.GROUP) || !(input.getValue("members") instanceof JsonArray members)) {
      return Future.succeededFuture();
    }
    Map<String, JsonObject> known = new HashMap<>();
    if (existing != null && existing.getValue("members") instanceof JsonArray stored) {
      for (Object o : stored) {
        if (o instanceof JsonObject m && m.getValue("value") instanceof String v) {
          known.put(v.toLowerCase(Locale.ROOT), m);
        }
      }
    }
    List<Future<JsonObject>> resolved = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < members.size(); i++) {
      if (!(members.getValue(i) instanceof JsonObject m) || !(m.getValue("value") instanceof String value)
          || value.isBlank()) {
        return Future.failedFuture(ScimError.invalidValue("members[" + i + "].value is required and must be a string"));
      }
      String key = value.toLowerCase(Locale.ROOT);
      if (seen.add(key)) {
        JsonObject previous = known.get(key);
        Future<JsonObject> member = previous != null ? Future.succeededFuture(previous.copy())
            : resolve(tenant, value, m.getString("type"), baseUrl);
        Object display = m.getValue("display");
        resolved.add(display instanceof String d && !d.isBlank() ? member.map(r -> r.put("display", d)) : member);
      }
    }
    return Future.all(resolved).map(all -> {
      JsonArray out = new JsonArray();
      resolved.forEach(f -> out.add(f.result()));
      if (out.isEmpty()) {
        input.remove("members");
      } else {
        input.put("members", out);
      }
      return null;
    });
  }

  static boolean isMember(Object member, String id) {
    Object value = member instanceof JsonObject m ? m.getValue("value")
        : member instanceof Map<?, ?> m ? m.get("value") : null;
    return value instanceof String s && s.equalsIgnoreCase(id);
  }

  private Future<JsonObject> resolve(String tenant, String value, String typeHint, String baseUrl) {
    ResourceType first = groupType != null && "Group".equalsIgnoreCase(typeHint) ? groupType : userType;
    ResourceType second = first == userType ? groupType : userType;
    return lookup(tenant, first, value)
        .compose(found -> found != null ? Future.succeededFuture(found) : lookup(tenant, second, value))
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(ScimError.invalidValue("members value '" + value
                + "' is not the id of a User or Group in this tenant"));
          }
          ResourceType type = registry.resourceType(found.resourceType()).orElseThrow();
          JsonObject m = new JsonObject().put("value", found.id()).put("$ref", ref(baseUrl, type, found.id()))
              .put("type", type.name());
          Object display = found.data().getValue("displayName");
          display = display != null ? display : found.data().getValue("userName");
          if (display != null) {
            m.put("display", display);
          }
          return Future.succeededFuture(m);
        });
  }

  private Future<StoredResource> lookup(String tenant, ResourceType rt, String id) {
    if (rt == null) {
      return Future.succeededFuture(null);
    }
    return provider.get(tenant, rt.name(), id).recover(t ->
        t instanceof StorageException se && se.kind() == StorageException.Kind.NOT_FOUND
            ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  private static String ref(String baseUrl, ResourceType rt, String id) {
    String base = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    return base + rt.endpoint() + "/" + id;
  }
}
