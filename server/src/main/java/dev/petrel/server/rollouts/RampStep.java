package dev.petrel.server.rollouts;

/**
 * One step of a ramp plan: the rollout share to raise to, and how long the release must stay at
 * that share, healthy, before the next step.
 *
 * @param basisPoints the share, 1–10000
 * @param minDwellMinutes the minimum time at this share before the next step; 0 moves on at the
 *     next advancer run
 */
public record RampStep(int basisPoints, int minDwellMinutes) {
  /** Longest dwell accepted for one step: 90 days. */
  public static final int MAX_DWELL_MINUTES = 90 * 24 * 60;
}
