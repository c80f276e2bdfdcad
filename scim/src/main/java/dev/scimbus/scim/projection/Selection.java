package dev.scimbus.scim.projection;

import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResolvedAttribute;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An attribute list resolved against a resource type: which whole schemas, whole attributes and
 * single sub-attributes it names. Paths that name nothing the type has are ignored (RFC 7644
 * §3.4.2.5 says so for excludedAttributes; we do the same for attributes).
 */
final class Selection {
  private final Set<String> wholeSchemas = new HashSet<>();
  private final Set<String> wholeAttributes = new HashSet<>();
  private final Map<String, Set<String>> subAttributes = new HashMap<>();

  static Selection of(SchemaRegistry registry, ResourceType rt, AttributeList list) {
    Selection s = new Selection();
    for (AttributePath path : list.paths()) {
      Optional<ResolvedAttribute> resolved = registry.resolve(rt, path);
      if (resolved.isPresent()) {
        ResolvedAttribute r = resolved.get();
        String key = key(owner(registry, rt, r.schema()), r.attribute());
        if (r.subAttribute() == null) {
          s.wholeAttributes.add(key);
        } else {
          s.subAttributes.computeIfAbsent(key, k -> new HashSet<>()).add(lower(r.subAttribute().name()));
        }
      } else if (path.schemaUrn() != null && path.subAttribute() == null) {
        // "urn:...:enterprise:2.0:User" parses as URN "urn:...:2.0" plus attribute "User".
        String urn = path.schemaUrn() + ":" + path.attribute();
        registry.schemasOf(rt).stream().filter(x -> x.id().equalsIgnoreCase(urn))
            .findFirst().ifPresent(x -> s.wholeSchemas.add(lower(x.id())));
      }
    }
    return s;
  }

  /** The common attributes (id, externalId, meta) belong to the core schema of the type. */
  static String owner(SchemaRegistry registry, ResourceType rt, Schema schema) {
    return schema == registry.common() ? rt.schema() : schema.id();
  }

  static String key(String schemaId, AttributeDefinition attribute) {
    return lower(schemaId) + "|" + lower(attribute.name());
  }

  /** True when the list names the schema URN itself, e.g. the whole enterprise extension. */
  boolean namesSchema(String schemaId) {
    return wholeSchemas.contains(lower(schemaId));
  }

  /** True when the list names the attribute without a sub-attribute. */
  boolean namesAttribute(String schemaId, AttributeDefinition attribute) {
    return wholeAttributes.contains(key(schemaId, attribute));
  }

  /** The lower-case sub-attribute names given for the attribute, or null when none. */
  Set<String> namedSubs(String schemaId, AttributeDefinition attribute) {
    return subAttributes.get(key(schemaId, attribute));
  }

  static boolean contains(Set<String> names, AttributeDefinition sub) {
    return names != null && names.contains(lower(sub.name()));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
