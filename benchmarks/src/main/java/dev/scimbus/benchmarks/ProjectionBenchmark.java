package dev.scimbus.benchmarks;

import dev.scimbus.scim.projection.AttributeList;
import dev.scimbus.scim.projection.Projection;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.validation.ResourceValidator;
import dev.scimbus.scim.validation.ValidationOptions;
import io.vertx.core.json.JsonObject;
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
 * Validation of a create and projection of a response for a 1 KB enterprise user, next to a
 * deep copy of the same JSON (the least any handler that owns its data does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProjectionBenchmark {
  private ResourceType users;
  private ResourceValidator validator;
  private Projection projection;
  private JsonObject user;
  private AttributeList someAttributes;

  @Setup
  public void setup() {
    SchemaRegistry registry = SchemaRegistry.defaults();
    users = registry.resourceType("User").orElseThrow();
    validator = new ResourceValidator(registry, ValidationOptions.DEFAULT);
    projection = new Projection(registry);
    user = Fixtures.enterpriseUser();
    someAttributes = AttributeList.parse("userName,emails,name.givenName");
  }

  @Benchmark
  public JsonObject validateCreate() {
    return validator.validateCreate(users, user);
  }

  @Benchmark
  public JsonObject projectDefault() {
    return projection.apply(users, user, AttributeList.EMPTY, AttributeList.EMPTY);
  }

  @Benchmark
  public JsonObject projectAttributes() {
    return projection.apply(users, user, someAttributes, AttributeList.EMPTY);
  }

  @Benchmark
  public JsonObject baselineDeepCopy() {
    return user.copy();
  }
}
