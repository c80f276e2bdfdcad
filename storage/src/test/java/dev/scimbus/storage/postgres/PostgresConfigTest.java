package dev.scimbus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

  @Test
  void parsesEverySetting() {
    PostgresConfig c = PostgresConfig.parse("postgresql://scim:p%40ss@db.internal:6432/scimbus?poolSize=32"
        + "&connectTimeout=3s&idleTimeout=2m&queryTimeout=1500ms&readReplicas=r1:5433,r2&tenancy=schema"
        + "&schemaPrefix=t_", Map.of());
    assertThat(c.host()).isEqualTo("db.internal");
    assertThat(c.port()).isEqualTo(6432);
    assertThat(c.database()).isEqualTo("scimbus");
    assertThat(c.user()).isEqualTo("scim");
    assertThat(c.password()).isEqualTo("p@ss");
    assertThat(c.poolSize()).isEqualTo(32);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.readReplicas()).containsExactly(new PostgresConfig.HostPort("r1", 5433),
        new PostgresConfig.HostPort("r2", 5432));
    assertThat(c.tenancy()).isEqualTo(PostgresConfig.Tenancy.SCHEMA);
    assertThat(c.schemaPrefix()).isEqualTo("t_");
    assertThat(c.toString()).doesNotContain("p@ss");
  }

  @Test
  void defaultsAndTheTenancyEnvironmentVariable() {
    PostgresConfig c = PostgresConfig.parse("postgres://localhost/db", Map.of());
    assertThat(c.port()).isEqualTo(5432);
    assertThat(c.poolSize()).isEqualTo(16);
    assertThat(c.tenancy()).isEqualTo(PostgresConfig.Tenancy.SHARED);
    assertThat(c.readReplicas()).isEqualTo(List.of());
    assertThat(PostgresConfig.parse("postgresql://localhost/db", Map.of("SCIMBUS_POSTGRES_TENANCY", "schema"))
        .tenancy()).isEqualTo(PostgresConfig.Tenancy.SCHEMA);
    assertThat(PostgresConfig.parse("postgresql://localhost/db?tenancy=shared",
        Map.of("SCIMBUS_POSTGRES_TENANCY", "schema")).tenancy()).isEqualTo(PostgresConfig.Tenancy.SHARED);
  }

  @Test
  void rejectsWhatItCannotUseWithAnActionableMessage() {
    assertThatThrownBy(() -> PostgresConfig.parse("mysql://localhost/db", Map.of())).hasMessageContaining("postgresql://");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/", Map.of())).hasMessageContaining("database");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/db?poolsize=x", Map.of()))
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/db?pool=3", Map.of()))
        .hasMessageContaining("Unknown").hasMessageContaining("pool");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/db?queryTimeout=soon", Map.of()))
        .hasMessageContaining("queryTimeout");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/db?tenancy=rows", Map.of()))
        .hasMessageContaining("tenancy");
    assertThatThrownBy(() -> PostgresConfig.parse("postgresql://localhost/db?schemaPrefix=Bad-Prefix", Map.of()))
        .hasMessageContaining("schemaPrefix");
  }
}
