package dev.scimbus.loadtest;

import io.vertx.core.Future;
import java.util.List;

/**
 * One workload as a sequence of operations. An operation is what gets one latency sample: for
 * most scenarios a single request, for {@code patch} (member add then remove) and
 * {@code provisioning} (lookup then create or update) a short chain. Instances belong to one
 * shard and are only called from its event loop, so they may keep plain mutable state.
 */
interface Scenario {

  Future<?> execute(long seq, Tally tally);

  /** What a scenario instance may use: the shard's client, the prepared data and its own position. */
  record Context(ScimApi api, Fixture fixture, List<Tenant> tenants, int users, int shard, int shards) {
    Tenant primary() {
      return tenants.get(0);
    }

    /** Spreads sequence numbers of different shards over disjoint indexes. */
    long spread(long seq) {
      return seq * shards + shard;
    }
  }

  static Scenario create(ScenarioKind kind, Context ctx) {
    return switch (kind) {
      case CREATE -> new Scenarios.Create(ctx);
      case GET -> new Scenarios.Get(ctx);
      case FILTER -> new Scenarios.Filter(ctx);
      case LOOKUP -> new Scenarios.Lookup(ctx);
      case PATCH -> new Scenarios.Patch(ctx);
      case UPDATE -> new Scenarios.Update(ctx);
      case LIST -> new Scenarios.ListPages(ctx);
      case PROVISIONING -> new ProvisioningScenario(ctx);
    };
  }
}
