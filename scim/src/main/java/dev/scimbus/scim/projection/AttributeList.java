package dev.scimbus.scim.projection;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.path.AttributePath;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of an {@code attributes} or {@code excludedAttributes} query parameter (RFC 7644
 * §3.4.2.5): a comma-separated list of attribute paths. Empty entries (a trailing comma) are
 * skipped; an entry that is not a path fails with 400 {@code invalidPath} naming it.
 */
public record AttributeList(List<AttributePath> paths) {
  public static final AttributeList EMPTY = new AttributeList(List.of());

  public AttributeList {
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  public static AttributeList parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return EMPTY;
    }
    List<AttributePath> out = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        out.add(AttributePath.parse(entry.trim()));
      } catch (ScimError e) {
        throw ScimError.invalidPath("Invalid entry '" + entry.trim() + "' in attribute list: " + e.detail());
      }
    }
    return new AttributeList(out);
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }
}
