package dev.scimbus.server.crash;

import java.nio.file.Path;

/** The zero-config default backend keeps acknowledged writes across a kill -9. */
class SqliteCrashRecoveryTest extends CrashRecoveryContract {
  @Override
  protected String storageUri(Path dir) {
    return "sqlite:" + dir.resolve("crash.db");
  }
}
