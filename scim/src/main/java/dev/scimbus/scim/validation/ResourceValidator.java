package dev.scimbus.scim.validation;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.Mutability;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks client-supplied resources against the schemas of their resource type (RFC 7643) and
 * returns a normalized copy: canonical attribute names and schema URNs, coerced values, lone
 * values of multi-valued attributes wrapped, readOnly and absent (null, empty) values removed.
 * The input is never modified. Every rejection is a 400 {@link ScimError} whose detail names the
 * offending attribute path, e.g. {@code emails[1].primary}.
 *
 * <p>Choices worth knowing: extension data whose URN is missing from {@code schemas} gets the
 * URN added (Okta and Entra ID omit it); {@code canonicalValues} are advisory, so an email
 * {@code type} of "work2" is accepted; a core schema URN used as a key (rather than in
 * {@code schemas}) is an unknown attribute.
 */
public final class ResourceValidator {
  private final SchemaRegistry registry;
  private final ValidationOptions options;

  public ResourceValidator(SchemaRegistry registry, ValidationOptions options) {
    this.registry = registry;
    this.options = options == null ? ValidationOptions.DEFAULT : options;
  }

  /** Validates a POST body and returns the normalized resource to store (without id and meta). */
  public JsonObject validateCreate(ResourceType rt, JsonObject input) {
    return new Normalizer(registry, options, rt, Normalizer.Mode.INPUT).normalize(input);
  }

  /**
   * Validates a PUT body against the stored resource and returns the normalized replacement.
   *
   * <p>Contract with the caller: readOnly attributes ({@code id}, {@code meta}, {@code groups})
   * are neither taken from the input nor copied from {@code existing}; the service carries them
   * over. The writeOnly {@code password} appears in the result only when the client sent one;
   * when it is absent the service keeps the stored hash. Immutable attributes that already have a
   * value must come back unchanged, or this fails with 400 {@code mutability}. Immutable
   * sub-attributes of multi-valued attributes (Group {@code members.value}) are not compared:
   * values of a multi-valued attribute have no identity, and replacing the member list is the
   * normal way identity providers update a group.
   */
  public JsonObject validateReplace(ResourceType rt, JsonObject existing, JsonObject input) {
    JsonObject out = validateCreate(rt, input);
    if (existing != null) {
      Normalizer n = new Normalizer(registry, options, rt, Normalizer.Mode.INPUT);
      checkImmutable(n.topLevelAttributes(), existing, out, "");
      for (ResourceType.Extension ext : rt.schemaExtensions()) {
        Schema schema = registry.schema(ext.schema()).orElseThrow();
        checkImmutable(schema.attributes(), asObject(Normalizer.getIgnoreCase(existing, schema.id())),
            out.getJsonObject(schema.id()), schema.id() + ":");
      }
    }
    return out;
  }

  /**
   * Checks a whole stored representation, typically the result of a PATCH: schemas, required
   * attributes, types and primary uniqueness. readOnly attributes are allowed here.
   */
  public void validateStored(ResourceType rt, JsonObject resource) {
    normalizeStored(rt, resource);
  }

  /**
   * Like {@link #validateStored} but returns the normalized copy (names in schema spelling,
   * "False" coerced to false when enabled), which is what the service should persist after a
   * PATCH whose values came from a lenient client.
   */
  public JsonObject normalizeStored(ResourceType rt, JsonObject resource) {
    return new Normalizer(registry, options, rt, Normalizer.Mode.STORED).normalize(resource);
  }

  private void checkImmutable(List<AttributeDefinition> defs, JsonObject existing, JsonObject replacement, String prefix) {
    if (existing == null) {
      return;
    }
    for (AttributeDefinition def : defs) {
      Object before = Normalizer.getIgnoreCase(existing, def.name());
      if (Normalizer.isEmpty(before)) {
        continue;
      }
      Object after = replacement == null ? null : replacement.getValue(def.name());
      if (def.mutability() == Mutability.IMMUTABLE) {
        if (!same(def, before, after)) {
          throw ScimError.mutability("Attribute '" + prefix + def.name()
              + "' is immutable and already has a value; a replace must send the same value");
        }
      } else if (def.isComplex() && !def.multiValued()) {
        checkImmutable(def.subAttributes(), asObject(before), asObject(after), prefix + def.name() + ".");
      }
    }
  }

  private static boolean same(AttributeDefinition def, Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return def.caseExact() ? s.equals(t) : s.equalsIgnoreCase(t);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return a != null && a.equals(b);
  }

  private static JsonObject asObject(Object o) {
    return o instanceof JsonObject j ? j : null;
  }
}
