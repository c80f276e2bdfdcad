package dev.scimbus.benchmarks;

import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
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
 * Filter parsing and in-memory evaluation over a 1 KB enterprise user. The baseline in the same
 * run is a hand-written check of the same condition on the JSON ({@code baseline*}), which is
 * what a server without a filter engine would do at best.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBenchmark {
  private ResourceType users;
  private FilterEvaluator evaluator;
  private JsonObject user;
  private Filter simple;
  private Filter complex;

  @Setup
  public void setup() {
    SchemaRegistry registry = SchemaRegistry.defaults();
    users = registry.resourceType("User").orElseThrow();
    evaluator = new FilterEvaluator(registry);
    user = Fixtures.enterpriseUser();
    simple = FilterParser.parse(Fixtures.SIMPLE_FILTER);
    complex = FilterParser.parse(Fixtures.COMPLEX_FILTER);
  }

  @Benchmark
  public Filter parseSimple() {
    return FilterParser.parse(Fixtures.SIMPLE_FILTER);
  }

  @Benchmark
  public Filter parseComplex() {
    return FilterParser.parse(Fixtures.COMPLEX_FILTER);
  }

  @Benchmark
  public boolean evaluateSimple() {
    return evaluator.matches(users, user, simple);
  }

  @Benchmark
  public boolean evaluateComplex() {
    return evaluator.matches(users, user, complex);
  }

  /** The same test as {@link #evaluateSimple()} written by hand for this one attribute. */
  @Benchmark
  public boolean baselineSimple() {
    return "bjensen@example.com".equalsIgnoreCase(user.getString("userName"));
  }
}
