package dev.scimbus.storage;

import dev.scimbus.scim.filter.FilterLimits;
import dev.scimbus.scim.patch.PatchOptions;
import dev.scimbus.scim.validation.ValidationOptions;
import java.time.Duration;

/**
 * The knobs of {@link ResourceService}: page sizes, how many candidates it may load to evaluate a
 * filter or sort a backend could not push down, and the kernel's parser, PATCH and validation
 * switches.
 *
 * @param maxPageSize the largest {@code count} served; larger requests are capped, not rejected
 * @param defaultPageSize the {@code count} when the client sends none
 * @param maxInMemoryCandidates how many resources the service loads at most to filter or sort in
 *     memory; beyond it a list answers 400 {@code tooMany} ("narrow the filter") rather than
 *     returning a silently truncated result
 * @param cursorTimeout how long an RFC 9865 cursor stays valid after it was issued (default one
 *     hour); older cursors answer 400 {@code expiredCursor}
 * @param cursorSecret the key cursors are signed with (HMAC-SHA256). Null means a random key per
 *     process: cursors then do not survive a restart and are not accepted by other nodes, so a
 *     cluster sets the same secret (config {@code scim.cursorSecret}) on every node
 * @param argon2 the cost of password hashing ({@link Argon2Params#OWASP} by default)
 */
public record ServiceOptions(int maxPageSize, int defaultPageSize, int maxInMemoryCandidates, FilterLimits filterLimits,
    PatchOptions patchOptions, ValidationOptions validationOptions, Duration cursorTimeout, String cursorSecret,
    Argon2Params argon2) {

  public static final Duration DEFAULT_CURSOR_TIMEOUT = Duration.ofHours(1);

  public static final ServiceOptions DEFAULT = new ServiceOptions(1000, 100, 50_000, FilterLimits.DEFAULT,
      PatchOptions.LENIENT, ValidationOptions.DEFAULT);

  /** The options before cursor paging and Argon2id, with their defaults for the rest. */
  public ServiceOptions(int maxPageSize, int defaultPageSize, int maxInMemoryCandidates, FilterLimits filterLimits,
      PatchOptions patchOptions, ValidationOptions validationOptions) {
    this(maxPageSize, defaultPageSize, maxInMemoryCandidates, filterLimits, patchOptions, validationOptions, null, null,
        null);
  }

  public ServiceOptions {
    if (maxPageSize < 1 || defaultPageSize < 0 || maxInMemoryCandidates < 1) {
      throw new IllegalArgumentException("page sizes and candidate bound must be positive");
    }
    filterLimits = filterLimits == null ? FilterLimits.DEFAULT : filterLimits;
    patchOptions = patchOptions == null ? PatchOptions.LENIENT : patchOptions;
    validationOptions = validationOptions == null ? ValidationOptions.DEFAULT : validationOptions;
    cursorTimeout = cursorTimeout == null ? DEFAULT_CURSOR_TIMEOUT : cursorTimeout;
    if (cursorTimeout.isNegative() || cursorTimeout.isZero()) {
      throw new IllegalArgumentException("cursorTimeout must be positive, got " + cursorTimeout);
    }
    argon2 = argon2 == null ? Argon2Params.OWASP : argon2;
  }

  public ServiceOptions withMaxInMemoryCandidates(int max) {
    return new ServiceOptions(maxPageSize, defaultPageSize, max, filterLimits, patchOptions, validationOptions,
        cursorTimeout, cursorSecret, argon2);
  }

  public ServiceOptions withCursors(Duration timeout, String secret) {
    return new ServiceOptions(maxPageSize, defaultPageSize, maxInMemoryCandidates, filterLimits, patchOptions,
        validationOptions, timeout, secret, argon2);
  }

  public ServiceOptions withArgon2(Argon2Params params) {
    return new ServiceOptions(maxPageSize, defaultPageSize, maxInMemoryCandidates, filterLimits, patchOptions,
        validationOptions, cursorTimeout, cursorSecret, params);
  }

  /** Never prints the cursor secret. */
  @Override
  public String toString() {
    return "ServiceOptions[maxPageSize=" + maxPageSize + ", defaultPageSize=" + defaultPageSize
        + ", maxInMemoryCandidates=" + maxInMemoryCandidates + ", cursorTimeout=" + cursorTimeout
        + ", cursorSecret=" + (cursorSecret == null ? "random" : "***") + ", argon2=" + argon2 + "]";
  }
}
