package dev.scimbus.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The workloads the generator knows. Each says what it needs prepared before warmup so that the
 * measured phase only contains the operation under test.
 */
public enum ScenarioKind {
  CREATE(false, false),
  GET(true, false),
  FILTER(true, false),
  LOOKUP(true, false),
  PATCH(true, true),
  UPDATE(true, false),
  LIST(true, false),
  PROVISIONING(false, true);

  private final boolean needsUsers;
  private final boolean needsGroups;

  ScenarioKind(boolean needsUsers, boolean needsGroups) {
    this.needsUsers = needsUsers;
    this.needsGroups = needsGroups;
  }

  public boolean needsUsers() {
    return needsUsers;
  }

  public boolean needsGroups() {
    return needsGroups;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a comma-separated list, keeping order and dropping duplicates. */
  public static List<ScenarioKind> parseList(String spec) {
    List<ScenarioKind> kinds = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim().toUpperCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      ScenarioKind kind;
      try {
        kind = valueOf(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown scenario '" + part.trim() + "'; known: "
            + Arrays.stream(values()).map(ScenarioKind::id).collect(Collectors.joining(", ")));
      }
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("no scenario given");
    }
    return kinds;
  }
}
