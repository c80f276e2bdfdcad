package dev.scimbus.storage;

import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.Schema;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.schema.Uniqueness;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The unique keys of a resource: one per top-level attribute with {@code uniqueness} server or
 * global (except {@code id}, which the service generates). Strings that are not caseExact are
 * lower-cased with {@link Locale#ROOT}, so {@code BJensen} and {@code bjensen} collide as RFC 7643
 * says they must. Extension attributes are keyed {@code urn:...:name}.
 */
final class UniqueKeys {
  private final SchemaRegistry registry;

  UniqueKeys(SchemaRegistry registry) {
    this.registry = registry;
  }

  List<UniqueKey> of(ResourceType rt, JsonObject data) {
    List<UniqueKey> out = new ArrayList<>();
    collect(registry.coreSchema(rt), data, "", out);
    for (ResourceType.Extension e : rt.schemaExtensions()) {
      Schema ext = registry.schema(e.schema()).orElseThrow();
      JsonObject container = data.getValue(ext.id()) instanceof JsonObject j ? j : null;
      if (container != null) {
        collect(ext, container, ext.id() + ":", out);
      }
    }
    return out;
  }

  /** The value of a unique attribute as the client wrote it, for an error detail. */
  static Object displayValue(JsonObject data, String attribute) {
    int colon = attribute.lastIndexOf(':');
    if (colon > 0) {
      Object ext = data.getValue(attribute.substring(0, colon));
      return ext instanceof JsonObject j ? j.getValue(attribute.substring(colon + 1)) : null;
    }
    return data.getValue(attribute);
  }

  private static void collect(Schema schema, JsonObject container, String prefix, List<UniqueKey> out) {
    for (AttributeDefinition def : schema.attributes()) {
      if (def.uniqueness() == Uniqueness.NONE || def.name().equals("id") || def.multiValued() || def.isComplex()) {
        continue;
      }
      Object v = container.getValue(def.name());
      if (v == null) {
        continue;
      }
      String s = v.toString();
      out.add(new UniqueKey(prefix + def.name(), def.caseExact() ? s : s.toLowerCase(Locale.ROOT)));
    }
  }
}
