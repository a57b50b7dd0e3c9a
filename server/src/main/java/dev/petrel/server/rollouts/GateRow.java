package dev.petrel.server.rollouts;

import dev.petrel.server.web.ApiException;

/**
 * A release's statistical gate, a row of {@code rollout_gates}: how sure the gate must be before it
 * halts (the candidate is worse) or lets a ramp step happen (it is at most {@code margin} worse),
 * and the fewest trials each side needs. Confidences and the margin are in basis points.
 *
 * @param haltConfidenceBp 5001–9999; default 9999 (99.99 %), high because the gate looks often
 * @param advanceConfidenceBp 5001–9999; default 9500 (95 %)
 * @param marginBp 0–100000; default 5000: up to 1.5 times the baseline's rate counts as not worse
 * @param minTrials 1–10000000; default 200 installs or sessions on each side
 */
public record GateRow(
    long releaseId, int haltConfidenceBp, int advanceConfidenceBp, int marginBp, int minTrials) {
  public static final int DEFAULT_HALT = 9999;
  public static final int DEFAULT_ADVANCE = 9500;
  public static final int DEFAULT_MARGIN = 5000;
  public static final int DEFAULT_MIN_TRIALS = 200;

  /**
   * @throws ApiException 400 {@code request.invalid_field} naming the field out of range
   */
  public GateRow {
    range("halt_confidence_basis_points", haltConfidenceBp, 5001, 9999);
    range("advance_confidence_basis_points", advanceConfidenceBp, 5001, 9999);
    range("margin_basis_points", marginBp, 0, 100_000);
    range("min_trials", minTrials, 1, 10_000_000);
  }

  /** The settings the {@link Gate} decides with. */
  public Gate.Settings settings() {
    return new Gate.Settings(
        haltConfidenceBp / 10_000.0,
        advanceConfidenceBp / 10_000.0,
        marginBp / 10_000.0,
        minTrials);
  }

  /** For the history: {@code halt 99.99 %, advance 95 %, margin 50 %, min 200}. */
  public String describe() {
    return "halt "
        + haltConfidenceBp / 100.0
        + " %, advance "
        + advanceConfidenceBp / 100.0
        + " %, margin "
        + marginBp / 100.0
        + " %, min "
        + minTrials;
  }

  private static void range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected " + min + " to " + max + ", found " + value);
    }
  }
}
