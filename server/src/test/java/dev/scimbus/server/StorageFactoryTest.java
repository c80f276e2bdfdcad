package dev.scimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimbus.server.config.ConfigLoader;
import dev.scimbus.storage.ServiceOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scim.* keys reach the storage verticle's ServiceOptions. */
class StorageFactoryTest {
  @Test
  void scimKeysBecomeServiceOptions() {
    var config = ConfigLoader.parse(new JsonObject(), Map.of(
        "SCIMBUS_SCIM_MAX_PAGE_SIZE", "50",
        "SCIMBUS_SCIM_DEFAULT_PAGE_SIZE", "10",
        "SCIMBUS_SCIM_FILTER_MAX_LENGTH", "300",
        "SCIMBUS_SCIM_FILTER_MAX_DEPTH", "4",
        "SCIMBUS_SCIM_IGNORE_UNKNOWN_ATTRIBUTES", "true",
        "SCIMBUS_SCIM_PATCH_CASE_INSENSITIVE_OPS", "false"));
    ServiceOptions o = StorageFactory.serviceOptions(config.scim());
    assertThat(o.maxPageSize()).isEqualTo(50);
    assertThat(o.defaultPageSize()).isEqualTo(10);
    assertThat(o.filterLimits().maxLength()).isEqualTo(300);
    assertThat(o.filterLimits().maxDepth()).isEqualTo(4);
    assertThat(o.validationOptions().ignoreUnknownAttributes()).isTrue();
    assertThat(o.patchOptions().caseInsensitiveOps()).isFalse();
    assertThat(o.patchOptions().booleanStrings()).isTrue();
  }

  @Test
  void defaultsMatchTheStorageDefaults() {
    ServiceOptions o = StorageFactory.serviceOptions(ConfigLoader.parse(new JsonObject(), Map.of()).scim());
    assertThat(o).isEqualTo(ServiceOptions.DEFAULT);
  }

  @Test
  void passwordsInStorageUrisNeverReachLogLines() {
    assertThat(StorageFactory.redacted("postgresql://scim:s3cret@db:5432/scimbus?poolSize=8"))
        .isEqualTo("postgresql://scim:***@db:5432/scimbus?poolSize=8");
    assertThat(StorageFactory.redacted("postgresql://db/scimbus?user=scim&password=s3cret&poolSize=8"))
        .isEqualTo("postgresql://db/scimbus?user=scim&password=***&poolSize=8");
    assertThat(StorageFactory.redacted("sqlite:./data/scimbus.db")).isEqualTo("sqlite:./data/scimbus.db");
  }
}
