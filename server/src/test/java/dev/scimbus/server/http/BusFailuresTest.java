package dev.scimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.notifications.ChangeFeedVerticle;
import dev.scimbus.notifications.NotificationOptions;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.server.auth.TokenHash;
import dev.scimbus.server.auth.TokenRegistry;
import dev.scimbus.server.config.HttpConfig;
import dev.scimbus.server.config.ServerConfig;
import dev.scimbus.storage.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client sees when the storage verticle is missing or does not answer. */
class BusFailuresTest {
  private Vertx vertx;
  private WebClient client;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private int deployHttpOnly(long timeoutMs) {
    HttpConfig http = HttpConfig.defaults().withPort(0).withInstances(1).withRequestTimeoutMs(timeoutMs);
    ChangeFeedVerticle feed = new ChangeFeedVerticle(NotificationOptions.defaults());
    vertx.deployVerticle(feed).await();
    ScimHttpVerticle v = new ScimHttpVerticle(ServerConfig.defaults().withHttp(http), SchemaRegistry.defaults(),
        TokenRegistry.ofHashes(Map.of(TokenHash.of("tok"), "t1")), null, null, feed.hub());
    vertx.deployVerticle(v).await();
    return v.actualPort();
  }

  private HttpResponse<Buffer> getUsers(int port) {
    return client.get(port, "localhost", "/scim/v2/Users").bearerTokenAuthentication("tok").send().await();
  }

  @Test
  void noStorageVerticleIs503WithRetryAfter() {
    HttpResponse<Buffer> r = getUsers(deployHttpOnly(5000));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("503");
  }

  @Test
  void storageThatNeverAnswersIs504() {
    vertx.eventBus().consumer(Addresses.STORAGE, message -> { }).completion().await();
    HttpResponse<Buffer> r = getUsers(deployHttpOnly(200));
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("200 ms");
  }

  @Test
  void aRecipientFailureKeepsItsStatus() {
    vertx.eventBus().consumer(Addresses.STORAGE, message -> message.fail(503, "backend down")).completion().await();
    HttpResponse<Buffer> r = getUsers(deployHttpOnly(5000));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
  }

  @Test
  void anUnexpectedFailureIs500WithoutInternals() {
    vertx.eventBus().consumer(Addresses.STORAGE, message -> message.fail(-7, "NullPointerException at Foo.java:12"))
        .completion().await();
    HttpResponse<Buffer> r = getUsers(deployHttpOnly(5000));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.bodyAsString()).doesNotContain("NullPointerException").doesNotContain("Foo.java");
  }
}
