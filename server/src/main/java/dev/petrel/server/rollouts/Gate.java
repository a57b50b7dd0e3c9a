package dev.petrel.server.rollouts;

/**
 * The statistical comparison behind gated ramps: is a new release's rate of bad outcomes (failed
 * installs per attempted install, crashes per session) worse than its previous release's? Pure
 * functions; docs/health.md derives them.
 *
 * <p>The test is on the relative risk {@code RR = p1 / p0} of the candidate's rate {@code p1} to
 * the baseline's {@code p0}, on the log scale, where the estimate is close to normal: with the
 * Haldane–Anscombe correction {@code p = (events + 0.5) / (trials + 1)}, {@code log RR = ln(p1) -
 * ln(p0)} and its standard error {@code se = sqrt((1 - p1) / ((n1 + 1) p1) + (1 - p0) / ((n0 + 1)
 * p0))}. With {@code z_h} and {@code z_a} the one-sided normal quantiles of the halt and the
 * advance confidence:
 *
 * <ul>
 *   <li>{@link Verdict#WORSE} when {@code log RR - z_h se > 0}: the candidate's rate is above the
 *       baseline's with the halt confidence (high, since the gate looks again and again);
 *   <li>{@link Verdict#NOT_WORSE} when {@code log RR + z_a se < ln(1 + margin)}: the candidate is
 *       at most {@code margin} worse (relatively) with the advance confidence;
 *   <li>{@link Verdict#UNDECIDED} otherwise, and whenever either side has fewer than {@code
 *       minTrials} trials: a tiny sample decides nothing.
 * </ul>
 */
public final class Gate {
  private Gate() {}

  /** What the comparison says. */
  public enum Verdict {
    WORSE,
    NOT_WORSE,
    UNDECIDED
  }

  /**
   * How many trials and bad outcomes a release had in the window.
   *
   * @param trials attempted installs, or sessions
   * @param events failed installs, or crashes (at most {@code trials})
   */
  public record Rates(long trials, long events) {
    /** Checks the counts. */
    public Rates {
      if (trials < 0 || events < 0) {
        throw new IllegalArgumentException(
            "counts must not be negative: " + trials + ", " + events);
      }
      events = Math.min(events, trials);
    }

    /** The observed rate, 0 without trials. */
    public double rate() {
      return trials == 0 ? 0 : (double) events / trials;
    }
  }

  /**
   * A comparison's result with its numbers, for reasons people read.
   *
   * @param logRelativeRisk the corrected {@code log RR}
   * @param standardError its standard error
   */
  public record Judgement(Verdict verdict, double logRelativeRisk, double standardError) {}

  /**
   * How the gate decides.
   *
   * @param haltConfidence one-sided confidence that the candidate is worse before a halt, e.g.
   *     0.9999
   * @param advanceConfidence one-sided confidence that it is at most {@code margin} worse before a
   *     ramp step, e.g. 0.95
   * @param margin the relative worsening still accepted as "not worse", e.g. 0.5 for 50 %
   * @param minTrials the fewest trials each side needs before anything is decided
   */
  public record Settings(
      double haltConfidence, double advanceConfidence, double margin, long minTrials) {}

  /** Compares {@code candidate} with {@code baseline}. */
  public static Judgement judge(Rates candidate, Rates baseline, Settings settings) {
    double halt = settings.haltConfidence();
    double advance = settings.advanceConfidence();
    double margin = settings.margin();
    long minTrials = settings.minTrials();
    double p1 = corrected(candidate);
    double p0 = corrected(baseline);
    double logRr = Math.log(p1) - Math.log(p0);
    double se =
        Math.sqrt(
            (1 - p1) / ((candidate.trials() + 1) * p1) + (1 - p0) / ((baseline.trials() + 1) * p0));
    if (candidate.trials() < minTrials || baseline.trials() < minTrials) {
      return new Judgement(Verdict.UNDECIDED, logRr, se);
    }
    if (logRr - quantile(halt) * se > 0) {
      return new Judgement(Verdict.WORSE, logRr, se);
    }
    if (logRr + quantile(advance) * se < Math.log(1 + margin)) {
      return new Judgement(Verdict.NOT_WORSE, logRr, se);
    }
    return new Judgement(Verdict.UNDECIDED, logRr, se);
  }

  /**
   * How many trials the candidate needs before a true relative risk {@code relativeRisk} (above 1)
   * at its rate {@code rate} is found {@link Verdict#WORSE} with probability {@code power}, against
   * a baseline of {@code baselineTrials} trials at {@code baselineRate}: the {@code n1} at which
   * {@code ln RR = (z_c + z_power) se}, that is {@code n1 = ((1 - p1) / p1) / ((ln RR / (z_c +
   * z_power))^2 - (1 - p0) / (n0 p0))} (with {@code power} 0.5, {@code z_power} is 0: the median).
   * {@link Long#MAX_VALUE} when the baseline alone is too uncertain ever to decide. docs/health.md
   * derives it.
   */
  public static long trialsToDetect(
      double relativeRisk,
      double rate,
      long baselineTrials,
      double baselineRate,
      double confidence,
      double power) {
    double z = quantile(confidence) + (power == 0.5 ? 0 : quantile(power));
    double room =
        Math.pow(Math.log(relativeRisk) / z, 2)
            - (1 - baselineRate) / (baselineTrials * baselineRate);
    return room <= 0 ? Long.MAX_VALUE : (long) Math.ceil((1 - rate) / rate / room);
  }

  private static double corrected(Rates rates) {
    return (rates.events() + 0.5) / (rates.trials() + 1.0);
  }

  /**
   * The standard normal quantile for {@code p} in (0.5, 1): Acklam's rational approximation
   * (relative error below 1.2e-9), enough for a decision threshold.
   */
  static double quantile(double p) {
    if (!(p > 0.5 && p < 1)) {
      throw new IllegalArgumentException(
          "confidence: expected more than 0.5 and below 1, found " + p);
    }
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    if (p > 1 - 0.02425) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
