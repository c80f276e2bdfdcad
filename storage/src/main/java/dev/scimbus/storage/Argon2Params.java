package dev.scimbus.storage;

/**
 * The cost of an Argon2id password hash (RFC 9106): memory in KiB, passes over it, and lanes.
 * {@link #OWASP} is the OWASP Password Storage Cheat Sheet's minimum (19 MiB, 2 passes, 1 lane),
 * about 20-40 ms on one core of a current server; raise memory first where the host allows it.
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  public static final Argon2Params OWASP = new Argon2Params(19_456, 2, 1);

  public Argon2Params {
    if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("Argon2id needs parallelism >= 1, iterations >= 1 and memory >= 8 KiB per lane,"
          + " got m=" + memoryKiB + " t=" + iterations + " p=" + parallelism);
    }
  }
}
