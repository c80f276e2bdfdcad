package dev.scimbus.storage.spi;

/**
 * A value that must be unique per tenant and resource type, already normalized by
 * {@code ResourceService} (e.g. userName lower-cased). Backends enforce it atomically with the
 * write (unique index, Lua script, ...), never by check-then-insert.
 *
 * @param attribute the attribute path as the schema spells it, e.g. {@code userName}
 * @param value the normalized value
 */
public record UniqueKey(String attribute, String value) {}
