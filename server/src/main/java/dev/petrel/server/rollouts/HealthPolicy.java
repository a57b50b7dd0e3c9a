package dev.petrel.server.rollouts;

import dev.petrel.server.web.ApiException;

/**
 * When the {@link HealthMonitor} halts a release: its failure share (failed over attempted installs
 * in the last {@code windowMinutes}) is above {@code maxFailureBasisPoints} with at least {@code
 * minAttempts} attempts. With {@code autoRecall} it also deactivates the release.
 *
 * @param maxFailureBasisPoints 0–10000; the default 500 is 5 %
 * @param minAttempts 1–1000000; the default is 20
 * @param windowMinutes 5–43200 (30 days); the default 1440 is 24 hours
 * @param autoRecall whether crossing the threshold also deactivates the release; default false
 */
public record HealthPolicy(
    int maxFailureBasisPoints, int minAttempts, int windowMinutes, boolean autoRecall) {
  /** 5 % with at least 20 attempts over 24 hours, no automatic recall. */
  public static final HealthPolicy DEFAULT = new HealthPolicy(500, 20, 1440, false);

  /**
   * @throws ApiException 400 {@code request.invalid_field} naming the field out of range
   */
  public HealthPolicy {
    range("max_failure_basis_points", maxFailureBasisPoints, 0, 10_000);
    range("min_attempts", minAttempts, 1, 1_000_000);
    range("window_minutes", windowMinutes, 5, 43_200);
  }

  /** Whether {@code failed} of {@code attempted} crosses this threshold. */
  public boolean crossedBy(long attempted, long failed) {
    return attempted >= minAttempts && failed * 10_000 > (long) maxFailureBasisPoints * attempted;
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected " + min + " to " + max + ", found " + value);
    }
  }
}
