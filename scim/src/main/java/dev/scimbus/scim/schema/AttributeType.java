package dev.scimbus.scim.schema;

import java.util.Locale;

/** The attribute data types of RFC 7643 §2.3, with their wire names. */
public enum AttributeType {
  STRING("string"),
  BOOLEAN("boolean"),
  DECIMAL("decimal"),
  INTEGER("integer"),
  DATE_TIME("dateTime"),
  BINARY("binary"),
  REFERENCE("reference"),
  COMPLEX("complex");

  private final String wire;

  AttributeType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static AttributeType fromWire(String s) {
    for (AttributeType t : values()) {
      if (t.wire.equalsIgnoreCase(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown attribute type '" + s + "'; allowed: string, boolean, decimal, integer, dateTime, binary, reference, complex");
  }

  @Override
  public String toString() {
    return wire.toLowerCase(Locale.ROOT).equals(wire) ? wire : wire;
  }
}
