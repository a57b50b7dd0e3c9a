package dev.petrel.server.rollouts;

import dev.petrel.server.releases.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * A release's gate evaluated now: its install failure rate and crash rate over its health window,
 * each compared with its previous release's over the same window ({@link Gate}).
 *
 * @param gate the settings
 * @param baseline the previous release, or null when there is none (then nothing holds the ramp)
 * @param metrics the two comparisons, installs first; empty without a baseline
 */
public record GateCheck(GateRow gate, GateDao.Baseline baseline, List<Metric> metrics) {
  /**
   * One comparison.
   *
   * @param name {@code installs} (failed of attempted) or {@code crashes} (crashes of sessions)
   */
  public record Metric(
      String name, Gate.Rates candidate, Gate.Rates baseline, Gate.Judgement judgement) {
    boolean hasData(long minTrials) {
      return candidate.trials() >= minTrials && baseline.trials() >= minTrials;
    }
  }

  /** Evaluates {@code release}'s gate with the outcomes of {@code counts}. */
  static GateCheck evaluate(
      Jdbi jdbi,
      HealthCounts counts,
      Release release,
      GateRow gate,
      int windowMinutes,
      Instant now) {
    GateDao.Baseline baseline =
        jdbi.withHandle(
            handle ->
                handle
                    .attach(GateDao.class)
                    .baseline(
                        release.appId().name(),
                        release.platform().name(),
                        release.channel().wireName(),
                        release.versionCode(),
                        now)
                    .orElse(null));
    if (baseline == null || counts == null) {
      return new GateCheck(gate, baseline, List.of());
    }
    Instant since = now.minus(Duration.ofMinutes(windowMinutes));
    Gate.Settings settings = gate.settings();
    return new GateCheck(
        gate,
        baseline,
        List.of(
            metric(
                "installs",
                installs(counts.counts(release.id(), since)),
                installs(counts.counts(baseline.id(), since)),
                settings),
            metric(
                "crashes",
                sessions(counts.sessions(release.id(), since)),
                sessions(counts.sessions(baseline.id(), since)),
                settings)));
  }

  /** Whether a comparison shows the release worse than its baseline: halt it. */
  public boolean worse() {
    return metrics.stream().anyMatch(m -> m.judgement().verdict() == Gate.Verdict.WORSE);
  }

  /**
   * Whether a ramp step may happen: there is no baseline, or no comparison is worse, every one with
   * enough data on both sides is shown not worse, and at least one is.
   */
  public boolean clear() {
    if (baseline == null) {
      return true;
    }
    boolean anyShown = false;
    for (Metric metric : metrics) {
      Gate.Verdict verdict = metric.judgement().verdict();
      if (verdict == Gate.Verdict.WORSE
          || (metric.hasData(gate.minTrials()) && verdict != Gate.Verdict.NOT_WORSE)) {
        return false;
      }
      anyShown |= verdict == Gate.Verdict.NOT_WORSE;
    }
    return anyShown;
  }

  /** What the gate decides: {@code halt}, {@code advance} or {@code wait}. */
  public String decision() {
    return worse() ? "halt" : clear() ? "advance" : "wait";
  }

  /** Why a worse release is halted, for the history and the attention reason. */
  public String haltReason() {
    for (Metric metric : metrics) {
      if (metric.judgement().verdict() == Gate.Verdict.WORSE) {
        boolean crashes = metric.name().equals("crashes");
        return String.format(
            Locale.ROOT,
            "%s %.2f %% (%d of %d %s) is significantly above %s's %.2f %% (%d of %d) at %.2f %%"
                + " confidence",
            crashes ? "crash rate" : "install failure rate",
            metric.candidate().rate() * 100,
            metric.candidate().events(),
            metric.candidate().trials(),
            crashes ? "sessions" : "installs",
            baseline.version(),
            metric.baseline().rate() * 100,
            metric.baseline().events(),
            metric.baseline().trials(),
            gate.haltConfidenceBp() / 100.0);
      }
    }
    return null;
  }

  private static Metric metric(
      String name, Gate.Rates candidate, Gate.Rates baseline, Gate.Settings settings) {
    return new Metric(name, candidate, baseline, Gate.judge(candidate, baseline, settings));
  }

  private static Gate.Rates installs(HealthCounts.Counts counts) {
    return new Gate.Rates(counts.attempted(), counts.failed());
  }

  private static Gate.Rates sessions(HealthCounts.Counts counts) {
    return new Gate.Rates(Math.max(counts.attempted(), counts.failed()), counts.failed());
  }
}
