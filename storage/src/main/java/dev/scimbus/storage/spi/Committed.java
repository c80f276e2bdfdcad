package dev.scimbus.storage.spi;

/** What a successful write returns: the stored resource (null after a delete) and its change row. */
public record Committed(StoredResource resource, ChangeRow change) {}
