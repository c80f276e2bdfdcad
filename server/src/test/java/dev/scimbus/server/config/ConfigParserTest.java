package dev.scimbus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimbus.notifications.changelog.RetentionOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
  private static ServerConfig parse(JsonObject file, Map<String, String> flat) {
    return ConfigLoader.parse(file, flat);
  }

  @Test
  void nothingSetGivesTheDocumentedDefaults() {
    ServerConfig c = parse(new JsonObject(), Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.http().instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.http().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(c.http().requestTimeoutMs()).isEqualTo(30_000);
    assertThat(c.http().trustForwardedHeaders()).isFalse();
    assertThat(c.storage()).isEqualTo("sqlite:" + Path.of("./data").resolve("scimbus.db"));
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.tokens()).isEmpty();
    assertThat(c.scim()).isEqualTo(ScimConfig.defaults());
  }

  @Test
  void fileValuesAreReadFromTheNestedTree() {
    JsonObject file = new JsonObject()
        .put("http", new JsonObject().put("port", 9090).put("trustForwardedHeaders", true))
        .put("scim", new JsonObject().put("maxPageSize", 50).put("defaultPageSize", 20)
            .put("patch", new JsonObject().put("caseInsensitiveOps", false)))
        .put("dataDir", "/var/lib/scimbus");
    ServerConfig c = parse(file, Map.of());
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.http().trustForwardedHeaders()).isTrue();
    assertThat(c.scim().maxPageSize()).isEqualTo(50);
    assertThat(c.scim().defaultPageSize()).isEqualTo(20);
    assertThat(c.scim().patch()).containsExactly(Map.entry("caseInsensitiveOps", false));
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/scimbus"));
  }

  @Test
  void environmentOverridesTheFileAndSystemPropertiesOverrideBoth() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 9090));
    assertThat(parse(file, Map.of("SCIMBUS_HTTP_PORT", "9191")).http().port()).isEqualTo(9191);
    assertThat(parse(file, Map.of("SCIMBUS_HTTP_PORT", "9191", "scimbus.http.port", "9292")).http().port())
        .isEqualTo(9292);
    assertThat(parse(new JsonObject(), Map.of("SCIMBUS_HTTP_MAX_BODY_BYTES", "4096")).http().maxBodyBytes())
        .isEqualTo(4096);
    assertThat(parse(new JsonObject(), Map.of("SCIMBUS_SCIM_PATCH_MANAGER_AS_STRING", "FALSE")).scim().patch())
        .containsEntry("managerAsString", false);
  }

  @Test
  void badPortNamesKeyValueAllowedRangeAndSource() {
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_HTTP_PORT", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port must be an integer 0..65535 (0 = any free port), got 'abc' (from SCIMBUS_HTTP_PORT)");
    assertThatThrownBy(() -> parse(new JsonObject().put("http", new JsonObject().put("port", 70000)), Map.of()))
        .hasMessageContaining("got '70000' (from http.port in conf/scimbus.yaml)");
  }

  @Test
  void badBooleanAndOutOfRangeNumbersAreRejected() {
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_HTTP_TRUST_FORWARDED_HEADERS", "yes")))
        .hasMessageContaining("http.trustForwardedHeaders must be true or false, got 'yes'");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_SCIM_MAX_PAGE_SIZE", "10",
        "SCIMBUS_SCIM_DEFAULT_PAGE_SIZE", "20")))
        .hasMessageContaining("scim.defaultPageSize must be an integer 1..scim.maxPageSize (10), got '20'");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_HTTP_INSTANCES", "0")))
        .hasMessageContaining("http.instances");
  }

  @Test
  void smallMaxPageSizeLowersTheDefaultPageSize() {
    assertThat(parse(new JsonObject(), Map.of("SCIMBUS_SCIM_MAX_PAGE_SIZE", "10")).scim().defaultPageSize())
        .isEqualTo(10);
  }

  @Test
  void unknownPatchSwitchListsTheAllowedOnes() {
    JsonObject file = new JsonObject().put("scim", new JsonObject().put("patch", new JsonObject().put("typo", true)));
    assertThatThrownBy(() -> parse(file, Map.of()))
        .hasMessageContaining("scim.patch.typo is not a known PATCH switch")
        .hasMessageContaining("caseInsensitiveOps");
  }

  @Test
  void tokensFromTheEnvironmentString() {
    ServerConfig c = parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "acme=tokA, globex=tokB"));
    assertThat(c.tokens()).containsExactly(new ServerConfig.TokenEntry("acme", "tokA"),
        new ServerConfig.TokenEntry("globex", "tokB"));
  }

  @Test
  void tokensFromAFileMapOrString() {
    JsonObject map = new JsonObject().put("auth", new JsonObject().put("tokens", new JsonObject().put("acme", "tokA")));
    assertThat(parse(map, Map.of()).tokens()).containsExactly(new ServerConfig.TokenEntry("acme", "tokA"));
    JsonObject string = new JsonObject().put("auth", new JsonObject().put("tokens", "acme=tokA"));
    assertThat(parse(string, Map.of()).tokens()).containsExactly(new ServerConfig.TokenEntry("acme", "tokA"));
  }

  @Test
  void badTokensAreRejectedWithoutEchoingSecrets() {
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "secretWithoutTenant")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SCIMBUS_AUTH_TOKENS")
        .hasMessageNotContaining("secretWithoutTenant");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "a=sameSecret,b=sameSecret")))
        .hasMessageContaining("twice").hasMessageNotContaining("sameSecret");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "bad/tenant=tok")))
        .hasMessageContaining("tenant 'bad/tenant'");
  }

  @Test
  void storageMustLookLikeAUri() {
    assertThat(parse(new JsonObject(), Map.of("SCIMBUS_STORAGE", "sqlite:/tmp/x.db")).storage())
        .isEqualTo("sqlite:/tmp/x.db");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_STORAGE", "/tmp/x.db")))
        .hasMessageContaining("storage must be a storage URI").hasMessageContaining("(from SCIMBUS_STORAGE)");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigParser.envName("http.port")).isEqualTo("SCIMBUS_HTTP_PORT");
    assertThat(ConfigParser.envName("dataDir")).isEqualTo("SCIMBUS_DATA_DIR");
    assertThat(ConfigParser.envName("scim.ignoreUnknownAttributes")).isEqualTo("SCIMBUS_SCIM_IGNORE_UNKNOWN_ATTRIBUTES");
  }

  @Test
  void tokensMayNameTheUserTheyActAsOnMe() {
    ServerConfig c = parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "acme=tokA:bjensen,globex=tokB"));
    assertThat(c.tokens()).containsExactly(new ServerConfig.TokenEntry("acme", "tokA", "bjensen"),
        new ServerConfig.TokenEntry("globex", "tokB", null));
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_TOKENS", "acme=secretTok:")))
        .hasMessageContaining("empty userName").hasMessageNotContaining("secretTok");
  }

  @Test
  void bulkAndRateLimitKeys() {
    ServerConfig d = parse(new JsonObject(), Map.of());
    assertThat(d.bulk()).isEqualTo(new BulkConfig(1000, 1024 * 1024));
    assertThat(d.limits().enabled()).isFalse();
    ServerConfig c = parse(new JsonObject().put("bulk", new JsonObject().put("maxOperations", 50)),
        Map.of("SCIMBUS_BULK_MAX_PAYLOAD_SIZE", "65536", "SCIMBUS_LIMITS_RATE_PER_SECOND", "2.5",
            "SCIMBUS_LIMITS_BURST", "10"));
    assertThat(c.bulk()).isEqualTo(new BulkConfig(50, 65536));
    assertThat(c.limits()).isEqualTo(new LimitsConfig(2.5, 10));
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_LIMITS_RATE_PER_SECOND", "fast")))
        .hasMessageContaining("limits.ratePerSecond must be").hasMessageContaining("SCIMBUS_LIMITS_RATE_PER_SECOND");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_BULK_MAX_OPERATIONS", "0")))
        .hasMessageContaining("bulk.maxOperations must be an integer 1..1000000");
  }

  @Test
  void jwtNeedsAnIssuerAndExactlyOneKeySource() {
    assertThat(parse(new JsonObject(), Map.of()).jwt()).isNull();
    ServerConfig c = parse(new JsonObject(), Map.of("SCIMBUS_AUTH_JWT_ISSUER", "https://idp",
        "SCIMBUS_AUTH_JWT_JWKS_URL", "https://idp/jwks", "SCIMBUS_AUTH_JWT_TENANT_CLAIM", "org"));
    assertThat(c.jwt().issuer()).isEqualTo("https://idp");
    assertThat(c.jwt().jwksUrl()).isEqualTo("https://idp/jwks");
    assertThat(c.jwt().tenantClaim()).isEqualTo("org");
    assertThat(c.jwt().scopeClaim()).isEqualTo("scope");
    assertThat(c.jwt().subjectClaim()).isEqualTo("sub");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_JWT_ISSUER", "https://idp")))
        .hasMessageContaining("exactly one of auth.jwt.jwksUrl and auth.jwt.publicKeyPem");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_AUTH_JWT_JWKS_URL", "https://idp/jwks")))
        .hasMessageContaining("auth.jwt.issuer is not");
  }

  @Test
  void changeLogRetentionHasDefaultsAndReadsDurationsFromFileAndEnvironment() {
    RetentionOptions d = parse(new JsonObject(), Map.of()).retention();
    assertThat(d).isEqualTo(new RetentionOptions(Duration.ofDays(7), 1_000_000, Duration.ofSeconds(60)));

    JsonObject file = new JsonObject().put("events", new JsonObject().put("retention",
        new JsonObject().put("maxAge", "12h").put("maxRows", 5000).put("intervalSeconds", 30)));
    assertThat(parse(file, Map.of()).retention())
        .isEqualTo(new RetentionOptions(Duration.ofHours(12), 5000, Duration.ofSeconds(30)));
    RetentionOptions env = parse(file, Map.of("SCIMBUS_EVENTS_RETENTION_MAX_AGE", "90m",
        "SCIMBUS_EVENTS_RETENTION_MAX_ROWS", "0", "SCIMBUS_EVENTS_RETENTION_INTERVAL_SECONDS", "5")).retention();
    assertThat(env).isEqualTo(new RetentionOptions(Duration.ofMinutes(90), 0, Duration.ofSeconds(5)));
    assertThat(parse(new JsonObject(), Map.of("SCIMBUS_EVENTS_RETENTION_MAX_AGE", "3600")).retention().maxAge())
        .as("a bare number is seconds").isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aBadRetentionValueNamesKeyValueAndSource() {
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_EVENTS_RETENTION_MAX_AGE", "a week")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("events.retention.maxAge").hasMessageContaining("'a week'")
        .hasMessageContaining("SCIMBUS_EVENTS_RETENTION_MAX_AGE").hasMessageContaining("7d");
    assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SCIMBUS_EVENTS_RETENTION_INTERVAL_SECONDS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("events.retention.intervalSeconds");
  }
}
