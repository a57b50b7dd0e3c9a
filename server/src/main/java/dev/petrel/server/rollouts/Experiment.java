package dev.petrel.server.rollouts;

import java.util.List;

/**
 * A cohort experiment on the wire: releases of one app, platform and channel splitting that
 * channel's devices by ranges of the experiment's bucket ({@code RolloutBucket.ofExperiment}).
 *
 * @param endedAt when it was ended (its arms went back to their own shares), or null while running
 * @param arms the releases, in range order
 */
public record Experiment(
    long id,
    String app,
    String name,
    String platform,
    String channel,
    String createdAt,
    String endedAt,
    List<Arm> arms) {

  /**
   * One arm.
   *
   * @param rangeStart first bucket of the arm (0–9999)
   * @param rangeEnd bucket after the last one (1–10000)
   * @param basisPoints the arm's share of the channel's devices, {@code rangeEnd - rangeStart}
   * @param figures the path of the release's figures (adoption, installs, failures), to fetch per
   *     arm and compare side by side
   */
  public record Arm(
      long releaseId,
      String version,
      long versionCode,
      int rangeStart,
      int rangeEnd,
      int basisPoints,
      String figures) {}
}
