package dev.scimbus.server.config;

import dev.scimbus.storage.Argon2Params;
import dev.scimbus.storage.ServiceOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * SCIM protocol settings handed to the storage verticle and the discovery documents.
 *
 * @param maxPageSize the largest {@code count} served; larger requests are capped to it
 * @param defaultPageSize the page size when a list request gives no {@code count}
 * @param filterMaxLength the longest filter accepted, in characters
 * @param filterMaxDepth the deepest nesting of parentheses, {@code not} and value paths in a filter
 * @param schemasFile a JSON or YAML document with custom schemas, resource types and extensions,
 *     or null
 * @param patch PATCH quirk switches by name ({@code scim.patch.<name>}); only the ones set in the
 *     configuration, the rest keep their defaults
 * @param ignoreUnknownAttributes whether attributes no schema defines are dropped (true) or
 *     answered with 400 invalidSyntax (false)
 * @param cursorTimeoutSeconds how long an RFC 9865 cursor stays valid
 * @param cursorSecret the key cursors are signed with; null means a random key per process
 * @param argon2 the Argon2id cost of password hashing
 */
public record ScimConfig(int maxPageSize, int defaultPageSize, int filterMaxLength, int filterMaxDepth,
    Path schemasFile, Map<String, Boolean> patch, boolean ignoreUnknownAttributes, long cursorTimeoutSeconds,
    String cursorSecret, Argon2Params argon2) {

  public ScimConfig {
    patch = Map.copyOf(patch);
  }

  /** Settings without cursor or password tuning: those keep their defaults. */
  public ScimConfig(int maxPageSize, int defaultPageSize, int filterMaxLength, int filterMaxDepth, Path schemasFile,
      Map<String, Boolean> patch, boolean ignoreUnknownAttributes) {
    this(maxPageSize, defaultPageSize, filterMaxLength, filterMaxDepth, schemasFile, patch, ignoreUnknownAttributes,
        ServiceOptions.DEFAULT_CURSOR_TIMEOUT.toSeconds(), null, Argon2Params.OWASP);
  }

  public static ScimConfig defaults() {
    return new ScimConfig(1000, 100, 4096, 32, null, Map.of(), false);
  }

  /** Never prints the cursor secret. */
  @Override
  public String toString() {
    return "ScimConfig[maxPageSize=" + maxPageSize + ", defaultPageSize=" + defaultPageSize + ", filterMaxLength="
        + filterMaxLength + ", filterMaxDepth=" + filterMaxDepth + ", schemasFile=" + schemasFile + ", patch=" + patch
        + ", ignoreUnknownAttributes=" + ignoreUnknownAttributes + ", cursorTimeoutSeconds=" + cursorTimeoutSeconds
        + ", cursorSecret=" + (cursorSecret == null ? "random" : "***") + ", argon2=" + argon2 + "]";
  }

  public ScimConfig withSchemasFile(Path file) {
    return new ScimConfig(maxPageSize, defaultPageSize, filterMaxLength, filterMaxDepth, file, patch,
        ignoreUnknownAttributes, cursorTimeoutSeconds, cursorSecret, argon2);
  }

  public ScimConfig withMaxPageSize(int max) {
    return new ScimConfig(max, Math.min(defaultPageSize, max), filterMaxLength, filterMaxDepth, schemasFile, patch,
        ignoreUnknownAttributes, cursorTimeoutSeconds, cursorSecret, argon2);
  }
}
