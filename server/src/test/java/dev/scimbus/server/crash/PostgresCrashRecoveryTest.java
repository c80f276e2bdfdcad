package dev.scimbus.server.crash;

import dev.scimbus.storage.postgres.PgTestServer;
import dev.scimbus.storage.postgres.PostgresConfig;
import java.nio.file.Path;

/**
 * PostgreSQL keeps every acknowledged write across a kill -9 of the scimbus process (the
 * database keeps running: this is the crash of the application node, not of PostgreSQL).
 */
class PostgresCrashRecoveryTest extends CrashRecoveryContract {
  @Override
  protected String storageUri(Path dir) {
    PostgresConfig db = PgTestServer.get().newDatabase();
    return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }
}
