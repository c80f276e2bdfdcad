package dev.scimbus.storage.spi;

/**
 * A resource with its creation position: a number the provider assigns at insert, keeps across
 * replaces, and orders its default listing by (ties by id). Its only use is to build the
 * {@link Keyset} of the next page.
 */
public record KeyedResource(StoredResource resource, long position) {}
