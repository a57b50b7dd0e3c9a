package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.petrel.server.rollouts.Gate.Rates;
import dev.petrel.server.rollouts.Gate.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gate on simulated fleets (seeded, so every run is the same): sessions arrive in batches, the
 * gate looks after each batch as the rollout jobs would, and the crash rates are known.
 */
class GateSimulationTest {
  static final double CONFIDENCE = 0.9999;
  static final double ADVANCE = 0.95;
  static final double MARGIN = 0.5;
  static final long MIN_TRIALS = 200;
  static final Gate.Settings SETTINGS = new Gate.Settings(CONFIDENCE, ADVANCE, MARGIN, MIN_TRIALS);
  static final int BATCH = 100;
  static final double BASELINE_RATE = 0.01;

  /** The baseline: 20 000 sessions of the previous release at 1 % crashes. */
  static Rates baseline(Random random) {
    return simulate(random, 20_000, BASELINE_RATE);
  }

  static Rates simulate(Random random, long sessions, double rate) {
    long crashes = 0;
    for (long i = 0; i < sessions; i++) {
      crashes += random.nextDouble() < rate ? 1 : 0;
    }
    return new Rates(sessions, crashes);
  }

  /** The first number of candidate sessions at which the gate says {@code wanted}, or -1. */
  static long firstLookSaying(Verdict wanted, double rate, long seed, long maxSessions) {
    Random random = new Random(seed);
    Rates base = baseline(random);
    long sessions = 0;
    long crashes = 0;
    while (sessions < maxSessions) {
      Rates batch = simulate(random, BATCH, rate);
      sessions += batch.trials();
      crashes += batch.events();
      Verdict verdict = Gate.judge(new Rates(sessions, crashes), base, SETTINGS).verdict();
      if (verdict == wanted) {
        return sessions;
      }
    }
    return -1;
  }

  @Test
  void theNormalQuantileIsRight() {
    assertThat(Gate.quantile(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(Gate.quantile(0.99)).isCloseTo(2.326348, within(1e-6));
    assertThat(Gate.quantile(0.999)).isCloseTo(3.090232, within(1e-6));
    assertThat(Gate.quantile(0.9999)).isCloseTo(3.719016, within(1e-6));
  }

  @Test
  void aReleaseCrashingAsOftenAsItsBaselineIsFoundNotWorseAndNeverWorse() {
    int falseHalts = 0;
    List<Long> cleared = new ArrayList<>();
    for (long seed = 1; seed <= 200; seed++) {
      if (firstLookSaying(Verdict.WORSE, BASELINE_RATE, seed, 20_000) >= 0) {
        falseHalts++;
      }
      if (seed <= 50) {
        cleared.add(firstLookSaying(Verdict.NOT_WORSE, BASELINE_RATE, seed, 40_000));
      }
    }
    // 200 looks each; the per-look confidence of 99.99 % keeps the overall rate small.
    assertThat(falseHalts).as("false halts in 200 fleets").isLessThanOrEqualTo(2);
    assertThat(cleared).doesNotContain(-1L);
    // Ramps advance once "at most 1.5x" is shown: the same formula with the advance confidence
    // (a true relative risk of 1 is ln(1.5) away from the margin) predicts when.
    long almostAll =
        Gate.trialsToDetect(1 + MARGIN, BASELINE_RATE, 20_000, BASELINE_RATE, ADVANCE, 0.975);
    long late = cleared.stream().filter(n -> n > almostAll + BATCH).count();
    assertThat(late).as("fleets not cleared by the 97.5 %% prediction").isLessThanOrEqualTo(2);
    assertThat(Collections.max(cleared)).isLessThanOrEqualTo(2 * almostAll);
  }

  @Test
  void aReleaseCrashingTwiceAsOftenHaltsWithinThePredictedSessions() {
    double rate = 2 * BASELINE_RATE;
    long median = Gate.trialsToDetect(2, rate, 20_000, BASELINE_RATE, CONFIDENCE, 0.5);
    long almostAll = Gate.trialsToDetect(2, rate, 20_000, BASELINE_RATE, CONFIDENCE, 0.975);
    List<Long> detected = new ArrayList<>();
    for (long seed = 1; seed <= 50; seed++) {
      detected.add(firstLookSaying(Verdict.WORSE, rate, seed, 10 * almostAll));
    }
    Collections.sort(detected);
    assertThat(detected).doesNotContain(-1L);
    // Looks come every BATCH sessions, so a decision can come up to one batch after the point.
    assertThat(detected.get(detected.size() / 2)).isLessThanOrEqualTo(median + BATCH);
    long late = detected.stream().filter(n -> n > almostAll + BATCH).count();
    assertThat(late).as("fleets not halted by the 97.5 %% prediction").isLessThanOrEqualTo(2);
    assertThat(detected.get(detected.size() - 1)).isLessThanOrEqualTo(2 * almostAll);
  }

  @Test
  void aTinySampleDecidesNothingHoweverItLooks() {
    Rates base = new Rates(20_000, 200);
    assertThat(Gate.judge(new Rates(50, 50), base, SETTINGS).verdict())
        .isEqualTo(Verdict.UNDECIDED);
    assertThat(Gate.judge(new Rates(199, 0), base, SETTINGS).verdict())
        .isEqualTo(Verdict.UNDECIDED);
    assertThat(Gate.judge(new Rates(5_000, 50), new Rates(10, 0), SETTINGS).verdict())
        .isEqualTo(Verdict.UNDECIDED);
  }
}
