package dev.scimbus.server.config;

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
 */
public record ScimConfig(int maxPageSize, int defaultPageSize, int filterMaxLength, int filterMaxDepth,
    Path schemasFile, Map<String, Boolean> patch, boolean ignoreUnknownAttributes) {

  public ScimConfig {
    patch = Map.copyOf(patch);
  }

  public static ScimConfig defaults() {
    return new ScimConfig(1000, 100, 4096, 32, null, Map.of(), false);
  }

  public ScimConfig withSchemasFile(Path file) {
    return new ScimConfig(maxPageSize, defaultPageSize, filterMaxLength, filterMaxDepth, file, patch,
        ignoreUnknownAttributes);
  }

  public ScimConfig withMaxPageSize(int max) {
    return new ScimConfig(max, Math.min(defaultPageSize, max), filterMaxLength, filterMaxDepth, schemasFile, patch,
        ignoreUnknownAttributes);
  }
}
