package dev.petrel.server.rollouts;

import java.time.Instant;

/**
 * A row of {@code rollouts}: how one release's rollout is steered. A release without a row has
 * {@link #defaults}.
 *
 * @param state {@code running}, {@code paused} or {@code halted}
 * @param plan the stored ramp plan ({@link RampPlan#encode}), or null
 * @param dwellSince when the current share started counting its dwell
 */
public record RolloutRow(
    long releaseId,
    String state,
    boolean needsAttention,
    String attentionReason,
    String plan,
    Instant dwellSince,
    int maxFailureBasisPoints,
    int minAttempts,
    int windowMinutes,
    boolean autoRecall) {
  static final String RUNNING = "running";
  static final String PAUSED = "paused";
  static final String HALTED = "halted";

  /** The row of a release that was never steered, counting its dwell from {@code since}. */
  static RolloutRow defaults(long releaseId, Instant since) {
    HealthPolicy policy = HealthPolicy.DEFAULT;
    return new RolloutRow(
        releaseId,
        RUNNING,
        false,
        null,
        null,
        since,
        policy.maxFailureBasisPoints(),
        policy.minAttempts(),
        policy.windowMinutes(),
        policy.autoRecall());
  }

  /** Whether checks may offer the release (neither paused nor halted). */
  boolean running() {
    return RUNNING.equals(state);
  }

  RampPlan rampPlan() {
    return RampPlan.decode(plan);
  }

  HealthPolicy healthPolicy() {
    return new HealthPolicy(maxFailureBasisPoints, minAttempts, windowMinutes, autoRecall);
  }

  RolloutRow withDwell(Instant since) {
    return new RolloutRow(
        releaseId,
        state,
        needsAttention,
        attentionReason,
        plan,
        since,
        maxFailureBasisPoints,
        minAttempts,
        windowMinutes,
        autoRecall);
  }

  RolloutRow withPlan(String encoded) {
    return new RolloutRow(
        releaseId,
        state,
        needsAttention,
        attentionReason,
        encoded,
        dwellSince,
        maxFailureBasisPoints,
        minAttempts,
        windowMinutes,
        autoRecall);
  }

  RolloutRow withPolicy(HealthPolicy policy) {
    return new RolloutRow(
        releaseId,
        state,
        needsAttention,
        attentionReason,
        plan,
        dwellSince,
        policy.maxFailureBasisPoints(),
        policy.minAttempts(),
        policy.windowMinutes(),
        policy.autoRecall());
  }

  /** This rollout in {@code newState}, attention cleared, its dwell starting at {@code since}. */
  RolloutRow withState(String newState, Instant since) {
    return new RolloutRow(
        releaseId,
        newState,
        false,
        null,
        plan,
        since,
        maxFailureBasisPoints,
        minAttempts,
        windowMinutes,
        autoRecall);
  }
}
