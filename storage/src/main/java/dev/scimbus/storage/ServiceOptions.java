package dev.scimbus.storage;

import dev.scimbus.scim.filter.FilterLimits;
import dev.scimbus.scim.patch.PatchOptions;
import dev.scimbus.scim.validation.ValidationOptions;

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
 */
public record ServiceOptions(int maxPageSize, int defaultPageSize, int maxInMemoryCandidates, FilterLimits filterLimits,
    PatchOptions patchOptions, ValidationOptions validationOptions) {

  public static final ServiceOptions DEFAULT = new ServiceOptions(1000, 100, 50_000, FilterLimits.DEFAULT,
      PatchOptions.LENIENT, ValidationOptions.DEFAULT);

  public ServiceOptions {
    if (maxPageSize < 1 || defaultPageSize < 0 || maxInMemoryCandidates < 1) {
      throw new IllegalArgumentException("page sizes and candidate bound must be positive");
    }
    filterLimits = filterLimits == null ? FilterLimits.DEFAULT : filterLimits;
    patchOptions = patchOptions == null ? PatchOptions.LENIENT : patchOptions;
    validationOptions = validationOptions == null ? ValidationOptions.DEFAULT : validationOptions;
  }

  public ServiceOptions withMaxInMemoryCandidates(int max) {
    return new ServiceOptions(maxPageSize, defaultPageSize, max, filterLimits, patchOptions, validationOptions);
  }
}
