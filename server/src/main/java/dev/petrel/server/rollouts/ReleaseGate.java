package dev.petrel.server.rollouts;

/**
 * What, besides its share, decides who is offered one release: whether its rollout is stopped
 * (paused or halted: offered to no one) and whether it is an arm of a running cohort experiment
 * (offered to the devices whose experiment bucket lies in {@code [rangeStart, rangeEnd)}, whatever
 * its share). Immutable.
 *
 * @param experimentId the experiment, or 0 when the release is no arm
 */
public record ReleaseGate(boolean stopped, long experimentId, int rangeStart, int rangeEnd) {
  /** Whether the release is an arm of a running experiment. */
  public boolean arm() {
    return experimentId != 0;
  }
}
