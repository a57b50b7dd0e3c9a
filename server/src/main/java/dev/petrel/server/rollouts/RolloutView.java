package dev.petrel.server.rollouts;

import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON answer of {@code GET .../releases/{id}/rollout}: a release's rollout state, plan, health
 * policy and history.
 *
 * @param state {@code inactive} (deactivated), {@code scheduled} (published for a later time),
 *     {@code halted}, {@code paused}, {@code complete} (share 100 %) or {@code rolling}
 * @param experimentId the running experiment the release is an arm of, or null
 */
public record RolloutView(
    long releaseId,
    String app,
    String platform,
    String channel,
    String version,
    int basisPoints,
    String state,
    boolean needsAttention,
    String attentionReason,
    String publishedAt,
    Long experimentId,
    PlanView plan,
    HealthPolicyView healthPolicy,
    HealthWindowView health,
    GateView gate,
    List<HistoryView> history) {

  /**
   * A statistical gate and what it says now.
   *
   * @param decision {@code halt}, {@code advance} or {@code wait}
   * @param baselineReleaseId the previous release compared with, or null when there is none
   * @param metrics the comparisons ({@code installs}, {@code crashes}); empty without a baseline
   */
  public record GateView(
      int haltConfidenceBasisPoints,
      int advanceConfidenceBasisPoints,
      int marginBasisPoints,
      int minTrials,
      String decision,
      Long baselineReleaseId,
      String baselineVersion,
      List<MetricView> metrics) {
    static GateView of(GateCheck check) {
      GateRow gate = check.gate();
      return new GateView(
          gate.haltConfidenceBp(),
          gate.advanceConfidenceBp(),
          gate.marginBp(),
          gate.minTrials(),
          check.decision(),
          check.baseline() == null ? null : check.baseline().id(),
          check.baseline() == null ? null : check.baseline().version(),
          check.metrics().stream().map(MetricView::of).toList());
    }
  }

  /**
   * One comparison of a gate: trials and bad outcomes of the release and of its baseline, and the
   * verdict ({@code worse}, {@code not_worse}, {@code undecided}).
   */
  public record MetricView(
      String name,
      long trials,
      long events,
      long baselineTrials,
      long baselineEvents,
      String verdict) {
    static MetricView of(GateCheck.Metric metric) {
      return new MetricView(
          metric.name(),
          metric.candidate().trials(),
          metric.candidate().events(),
          metric.baseline().trials(),
          metric.baseline().events(),
          metric.judgement().verdict().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * What the health monitor judges the release by right now: the install outcomes reported within
   * its policy's window, and their failure share as the halt reason states it (rounded down to a
   * basis point).
   *
   * @param failureBasisPoints {@code failed * 10000 / attempted} rounded down, or null when nothing
   *     was attempted
   */
  public record HealthWindowView(
      String since, int windowMinutes, long attempted, long failed, Integer failureBasisPoints) {
    static HealthWindowView of(Instant since, int windowMinutes, HealthCounts.Counts counts) {
      return new HealthWindowView(
          Times.iso(since),
          windowMinutes,
          counts.attempted(),
          counts.failed(),
          counts.attempted() == 0 ? null : (int) (counts.failed() * 10_000 / counts.attempted()));
    }
  }

  /**
   * A ramp plan and where the release is on it.
   *
   * @param currentStep the index of the step the share has reached, or null when below the first
   * @param nextStepBasisPoints the share of the next step, or null when the plan is done
   * @param nextStepDueAt the earliest time the advancer raises the share, or null when the plan is
   *     done or the rollout is not running (paused, halted, needing attention, inactive)
   */
  public record PlanView(
      List<StepView> steps,
      Integer currentStep,
      Integer nextStepBasisPoints,
      String nextStepDueAt) {}

  /** One ramp step. */
  public record StepView(int basisPoints, int minDwellMinutes) {}

  /** A health policy on the wire. */
  public record HealthPolicyView(
      int maxFailureBasisPoints, int minAttempts, int windowMinutes, boolean autoRecall) {
    static HealthPolicyView of(HealthPolicy policy) {
      return new HealthPolicyView(
          policy.maxFailureBasisPoints(),
          policy.minAttempts(),
          policy.windowMinutes(),
          policy.autoRecall());
    }
  }

  /** One history entry on the wire. */
  public record HistoryView(
      String at, String actor, String action, String from, String to, String reason) {
    static HistoryView of(HistoryEntry entry) {
      return new HistoryView(
          Times.iso(entry.at()),
          entry.actor(),
          entry.action(),
          entry.fromValue(),
          entry.toValue(),
          entry.reason());
    }
  }

  static RolloutView of(
      Release release,
      RolloutRow row,
      Long experimentId,
      HealthWindowView health,
      GateView gate,
      List<HistoryEntry> history,
      Instant now) {
    return new RolloutView(
        release.id(),
        release.appId().name(),
        release.platform().name(),
        release.channel().wireName(),
        release.version().toString(),
        release.rolloutBasisPoints(),
        state(release, row, now),
        row.needsAttention(),
        row.attentionReason(),
        Times.iso(release.publishedAt()),
        experimentId,
        plan(release, row),
        HealthPolicyView.of(row.healthPolicy()),
        health,
        gate,
        history.stream().map(HistoryView::of).toList());
  }

  /** The rollout state of {@code release} at {@code now}. */
  static String state(Release release, RolloutRow row, Instant now) {
    if (!release.active()) {
      return "inactive";
    }
    if (release.publishedAt().isAfter(now)) {
      return "scheduled";
    }
    if (!row.running()) {
      return row.state();
    }
    return release.rolloutBasisPoints() >= RolloutBucket.BUCKETS ? "complete" : "rolling";
  }

  private static PlanView plan(Release release, RolloutRow row) {
    RampPlan plan = row.rampPlan();
    if (plan == null) {
      return null;
    }
    int share = release.rolloutBasisPoints();
    RampStep current = plan.current(share);
    RampStep next = plan.next(share);
    String due = null;
    if (next != null && release.active() && row.running() && !row.needsAttention()) {
      due = Times.iso(dueAt(release, row, current));
    }
    return new PlanView(
        plan.steps().stream().map(s -> new StepView(s.basisPoints(), s.minDwellMinutes())).toList(),
        current == null ? null : plan.steps().indexOf(current),
        next == null ? null : next.basisPoints(),
        due);
  }

  /**
   * When a release on {@code current} (null: below the first step) may move to the next step: its
   * dwell counts from the later of its last change (or resume) and its going live.
   */
  static Instant dueAt(Release release, RolloutRow row, RampStep current) {
    Instant since =
        row.dwellSince().isAfter(release.publishedAt()) ? row.dwellSince() : release.publishedAt();
    return current == null ? since : since.plus(Duration.ofMinutes(current.minDwellMinutes()));
  }
}
