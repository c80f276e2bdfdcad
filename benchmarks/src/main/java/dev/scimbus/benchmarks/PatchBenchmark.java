package dev.scimbus.benchmarks;

import dev.scimbus.scim.patch.PatchEngine;
import dev.scimbus.scim.patch.PatchOperation;
import dev.scimbus.scim.patch.PatchOptions;
import dev.scimbus.scim.patch.PatchRequest;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PATCH application on a 1 KB enterprise user: Entra's deactivation ({@code replace active}), and a
 * three-operation patch with a value-path filter. The baseline is the deep copy plus one put that
 * any atomic PATCH implementation must at least do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatchBenchmark {
  private ResourceType users;
  private PatchEngine engine;
  private JsonObject user;
  private List<PatchOperation> deactivate;
  private List<PatchOperation> threeOps;

  @Setup
  public void setup() {
    SchemaRegistry registry = SchemaRegistry.defaults();
    users = registry.resourceType("User").orElseThrow();
    engine = new PatchEngine(registry, PatchOptions.LENIENT);
    user = Fixtures.enterpriseUser();
    deactivate = PatchRequest.parse(new JsonObject("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Replace","path":"active","value":"False"}]}"""));
    threeOps = PatchRequest.parse(new JsonObject("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[
          {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"babs@example.com"},
          {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-2"},
          {"op":"replace","path":"name.givenName","value":"Barbara Jane"}]}"""));
  }

  @Benchmark
  public JsonObject applyDeactivate() {
    return engine.apply(users, user, deactivate);
  }

  @Benchmark
  public JsonObject applyThreeOperations() {
    return engine.apply(users, user, threeOps);
  }

  @Benchmark
  public JsonObject baselineCopyAndPut() {
    return user.copy().put("active", false);
  }
}
