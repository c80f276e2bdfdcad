package dev.scimbus.scim.schema;

import dev.scimbus.scim.path.AttributePath;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas and resource types a server serves: the RFC 7643 core User, Group and
 * EnterpriseUser documents bundled as resources, plus any custom schemas, extensions and resource
 * types added from configuration. Immutable once built; look-ups ignore case.
 */
public final class SchemaRegistry {
  private final Map<String, List<AttributeDefinition>> topLevel = new java.util.concurrent.ConcurrentHashMap<>();
  public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final String BUNDLE = "/dev/scimbus/scim/schemas/";

  private final Map<String, Schema> schemas;
  private final Map<String, ResourceType> resourceTypesByName;
  private final Map<String, ResourceType> resourceTypesByEndpoint;
  private final Schema common;

  private SchemaRegistry(Map<String, Schema> schemas, Map<String, ResourceType> resourceTypes, Schema common) {
    this.schemas = Collections.unmodifiableMap(schemas);
    this.resourceTypesByName = Collections.unmodifiableMap(resourceTypes);
    Map<String, ResourceType> byEndpoint = new LinkedHashMap<>();
    resourceTypes.values().forEach(rt -> byEndpoint.put(rt.path().toLowerCase(Locale.ROOT), rt));
    this.resourceTypesByEndpoint = Collections.unmodifiableMap(byEndpoint);
    this.common = common;
  }

  /** The core User, Group and EnterpriseUser schemas and the User and Group resource types. */
  public static SchemaRegistry defaults() {
    return builder().build();
  }

  /** A builder that starts from the bundled defaults. */
  public static Builder builder() {
    Builder b = new Builder(Schema.fromJson(readBundled("Common.json")));
    b.addSchema(Schema.fromJson(readBundled("User.json")));
    b.addSchema(Schema.fromJson(readBundled("Group.json")));
    b.addSchema(Schema.fromJson(readBundled("EnterpriseUser.json")));
    JsonArray rts = new JsonArray(readBundledBuffer("ResourceTypes.json"));
    rts.forEach(o -> b.addResourceType(ResourceType.fromJson((JsonObject) o)));
    return b;
  }

  private static JsonObject readBundled(String name) {
    return new JsonObject(readBundledBuffer(name));
  }

  private static Buffer readBundledBuffer(String name) {
    try (InputStream in = SchemaRegistry.class.getResourceAsStream(BUNDLE + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled schema resource missing: " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<Schema> schema(String urn) {
    return Optional.ofNullable(schemas.get(urn.toLowerCase(Locale.ROOT)));
  }

  /** Every schema served at {@code /Schemas}. */
  public Collection<Schema> schemas() {
    return schemas.values();
  }

  /** The RFC 7643 §3.1 common attributes (id, externalId, meta); not served at /Schemas. */
  /** The common attributes (id, externalId, meta) followed by those of the type's core schema. */
  public List<AttributeDefinition> topLevelAttributes(ResourceType rt) {
    return topLevel.computeIfAbsent(rt.name(), name -> {
      List<AttributeDefinition> defs = new ArrayList<>(common.attributes());
      defs.addAll(coreSchema(rt).attributes());
      return List.copyOf(defs);
    });
  }

  public Schema common() {
    return common;
  }

  public Optional<ResourceType> resourceType(String name) {
    return Optional.ofNullable(resourceTypesByName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The resource type served at {@code /{path}}, e.g. {@code Users}; ignores case. */
  public Optional<ResourceType> resourceTypeByPath(String path) {
    return Optional.ofNullable(resourceTypesByEndpoint.get(path.toLowerCase(Locale.ROOT)));
  }

  public Collection<ResourceType> resourceTypes() {
    return resourceTypesByName.values();
  }

  /** The core schema of a resource type. */
  public Schema coreSchema(ResourceType rt) {
    return schemas.get(rt.schema().toLowerCase(Locale.ROOT));
  }

  /** The schema URNs a resource of this type may list in {@code schemas}. */
  public List<Schema> schemasOf(ResourceType rt) {
    List<Schema> out = new ArrayList<>();
    out.add(coreSchema(rt));
    rt.schemaExtensions().forEach(e -> out.add(schemas.get(e.schema().toLowerCase(Locale.ROOT))));
    return out;
  }

  /**
   * Resolves a path against a resource type. A path with a URN looks only in that schema (the
   * core schema URN or one of the type's extensions); a path without one looks in the common
   * attributes, then the core schema, then each extension. Empty when nothing matches, or when a
   * sub-attribute is named that the attribute does not have.
   */
  public Optional<ResolvedAttribute> resolve(ResourceType rt, AttributePath path) {
    if (path.schemaUrn() != null) {
      String urn = path.schemaUrn();
      if (urn.equalsIgnoreCase(rt.schema())) {
        Schema core = coreSchema(rt);
        Optional<AttributeDefinition> a = core.attribute(path.attribute());
        if (a.isPresent()) {
          return withSub(core, false, a.get(), path);
        }
        return common.attribute(path.attribute()).flatMap(c -> withSub(common, false, c, path));
      }
      if (!rt.hasExtension(urn)) {
        return Optional.empty();
      }
      Schema ext = schemas.get(urn.toLowerCase(Locale.ROOT));
      return ext.attribute(path.attribute()).flatMap(a -> withSub(ext, true, a, path));
    }
    Optional<AttributeDefinition> a = common.attribute(path.attribute());
    if (a.isPresent()) {
      return withSub(common, false, a.get(), path);
    }
    Schema core = coreSchema(rt);
    a = core.attribute(path.attribute());
    if (a.isPresent()) {
      return withSub(core, false, a.get(), path);
    }
    for (ResourceType.Extension e : rt.schemaExtensions()) {
      Schema ext = schemas.get(e.schema().toLowerCase(Locale.ROOT));
      a = ext.attribute(path.attribute());
      if (a.isPresent()) {
        return withSub(ext, true, a.get(), path);
      }
    }
    return Optional.empty();
  }

  private static Optional<ResolvedAttribute> withSub(Schema s, boolean ext, AttributeDefinition a, AttributePath path) {
    if (path.subAttribute() == null) {
      return Optional.of(new ResolvedAttribute(s, ext, a, null));
    }
    return a.subAttribute(path.subAttribute()).map(sub -> new ResolvedAttribute(s, ext, a, sub));
  }

  /** Collects schemas and resource types; validates references when built. */
  public static final class Builder {
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final Map<String, ResourceType> resourceTypes = new LinkedHashMap<>();
    private final Schema common;

    private Builder(Schema common) {
      this.common = common;
    }

    public Builder addSchema(Schema schema) {
      schemas.put(schema.id().toLowerCase(Locale.ROOT), schema);
      return this;
    }

    public Builder addResourceType(ResourceType rt) {
      resourceTypes.put(rt.name().toLowerCase(Locale.ROOT), rt);
      return this;
    }

    /** Adds a schema extension to an existing resource type (e.g. a custom User extension). */
    public Builder addExtension(String resourceType, String schemaUrn, boolean required) {
      ResourceType rt = resourceTypes.get(resourceType.toLowerCase(Locale.ROOT));
      if (rt == null) {
        throw new IllegalArgumentException("no resource type '" + resourceType + "' to extend with " + schemaUrn);
      }
      List<ResourceType.Extension> ext = new ArrayList<>(rt.schemaExtensions());
      ext.add(new ResourceType.Extension(schemaUrn, required));
      return addResourceType(new ResourceType(rt.id(), rt.name(), rt.endpoint(), rt.description(), rt.schema(), ext));
    }

    /**
     * Adds what a configuration document holds: {@code {"schemas": [...], "resourceTypes": [...],
     * "extensions": [{"resourceType": "User", "schema": "urn:...", "required": false}]}}.
     */
    public Builder addDocument(JsonObject doc) {
      doc.getJsonArray("schemas", new JsonArray()).forEach(o -> addSchema(Schema.fromJson((JsonObject) o)));
      doc.getJsonArray("resourceTypes", new JsonArray()).forEach(o -> addResourceType(ResourceType.fromJson((JsonObject) o)));
      doc.getJsonArray("extensions", new JsonArray()).forEach(o -> {
        JsonObject e = (JsonObject) o;
        addExtension(e.getString("resourceType"), e.getString("schema"), e.getBoolean("required", false));
      });
      return this;
    }

    public SchemaRegistry build() {
      Map<String, String> endpoints = new LinkedHashMap<>();
      for (ResourceType rt : resourceTypes.values()) {
        if (!schemas.containsKey(rt.schema().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("resource type '" + rt.name() + "' names unknown schema " + rt.schema());
        }
        for (ResourceType.Extension e : rt.schemaExtensions()) {
          if (!schemas.containsKey(e.schema().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("resource type '" + rt.name() + "' names unknown extension schema " + e.schema());
          }
        }
        String prev = endpoints.put(rt.path().toLowerCase(Locale.ROOT), rt.name());
        if (prev != null) {
          throw new IllegalArgumentException("resource types '" + prev + "' and '" + rt.name() + "' share endpoint " + rt.endpoint());
        }
      }
      return new SchemaRegistry(new LinkedHashMap<>(schemas), new LinkedHashMap<>(resourceTypes), common);
    }
  }
}
