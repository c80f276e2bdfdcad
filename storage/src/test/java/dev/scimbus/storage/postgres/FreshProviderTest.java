package dev.scimbus.storage.postgres;

import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test of a subclass gets a started provider over a new, empty database of its own. */
abstract class FreshProviderTest {
  protected Vertx vertx;
  protected PostgresStorageProvider provider;
  /** The provider's database, for a second provider or connection on it. */
  protected String uri;

  @BeforeEach
  void startProvider() throws Exception {
    vertx = Vertx.vertx();
    uri = PgTestServer.uri(PgTestServer.get().newDatabase(), null);
    provider = PostgresStorageProvider.fromUri(vertx, SchemaRegistry.defaults(), uri);
    provider.start().await(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopProvider() throws Exception {
    provider.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
