package dev.scimbus.benchmarks;

import dev.scimbus.storage.Argon2Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of one password hash: Argon2id at the default (OWASP) parameters, the derivation
 * {@code PasswordHasher.argon2id} runs on a worker thread, against the salted SHA-256 it replaced
 * as the baseline of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class PasswordBenchmark {
  private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private final byte[] salt = new SecureRandom().generateSeed(16);

  @Benchmark
  public byte[] argon2idDefault() {
    Argon2Params p = Argon2Params.OWASP;
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(p.memoryKiB()).withIterations(p.iterations())
        .withParallelism(p.parallelism()).build());
    byte[] out = new byte[32];
    g.generateBytes(PASSWORD, out);
    return out;
  }

  @Benchmark
  public byte[] baselineSha256() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(salt);
    return md.digest(PASSWORD);
  }
}
