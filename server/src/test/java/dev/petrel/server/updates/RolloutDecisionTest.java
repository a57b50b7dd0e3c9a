package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Version;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.AppChannels;
import dev.petrel.server.rollouts.ReleaseGate;
import dev.petrel.server.rollouts.RolloutRules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The check decision with rollout rules: shares over many devices, stops, experiments, channels.
 */
class RolloutDecisionTest {
  static final int DEVICES = 100_000;
  static final Set<Channel> STABLE = Set.of(Channel.STABLE);

  static Release offered(List<Release> releases, RolloutRules rules, String device) {
    return CheckDecision.decide(
            CheckDecisionTest.query("1.0.0+1", 1L, Channel.STABLE, device),
            releases,
            STABLE,
            rules,
            CheckDecisionTest.NOW)
        .offered();
  }

  static List<Release> partial(int basisPoints) {
    return new CheckDecisionTest.Catalogue()
        .stable("1.1.0", 2)
        .add("1.2.0", 3, Channel.STABLE, false, true, basisPoints, null)
        .sorted();
  }

  @Test
  void aTenPercentRolloutReachesTenPercentOfAHundredThousandDevicesGiveOrTakeHalfAPoint() {
    List<Release> releases = partial(1_000);
    int offered = 0;
    for (int i = 0; i < DEVICES; i++) {
      if (offered(releases, RolloutRules.NONE, "sim-" + i).versionCode() == 3) {
        offered++;
      }
    }
    assertThat(offered / (double) DEVICES).isCloseTo(0.10, within(0.005));
  }

  @Test
  void everyDeviceIncludedAtTenPercentIsStillIncludedAtFiftyPercent() {
    List<Release> at10 = partial(1_000);
    List<Release> at50 = partial(5_000);
    int included = 0;
    for (int i = 0; i < DEVICES; i++) {
      String device = "sim-" + i;
      if (offered(at10, RolloutRules.NONE, device).versionCode() == 3) {
        included++;
        assertThat(offered(at50, RolloutRules.NONE, device).versionCode()).isEqualTo(3);
      }
    }
    assertThat(included).isGreaterThan(9_000);
  }

  @Test
  void twoReleasesAtTheSameShareDrawDifferentCohorts() {
    // Release ids differ (20 and 30), so do their cohorts: about 10 % of one cohort is in the
    // other.
    List<Release> a =
        new CheckDecisionTest.Catalogue()
            .add("1.1.0", 2, Channel.STABLE, false, true, 1_000, null)
            .sorted();
    List<Release> b =
        new CheckDecisionTest.Catalogue()
            .add("1.2.0", 3, Channel.STABLE, false, true, 1_000, null)
            .sorted();
    int inA = 0;
    int inBoth = 0;
    for (int i = 0; i < DEVICES; i++) {
      String device = "sim-" + i;
      boolean first = offered(a, RolloutRules.NONE, device) != null;
      boolean second = offered(b, RolloutRules.NONE, device) != null;
      inA += first ? 1 : 0;
      inBoth += first && second ? 1 : 0;
    }
    assertThat(inBoth / (double) inA).isCloseTo(0.10, within(0.02));
  }

  @Test
  void aStoppedRolloutIsOfferedToNoOneAndDevicesGetTheNewestFullRelease() {
    List<Release> releases = partial(10_000);
    RolloutRules stopped = RolloutRules.of(Map.of(), Map.of(30L, new ReleaseGate(true, 0, 0, 0)));
    for (int i = 0; i < 1_000; i++) {
      assertThat(offered(releases, stopped, "sim-" + i).versionCode()).isEqualTo(2);
    }
  }

  @Test
  void experimentArmsSplitTheDevicesByTheirRangesAndNeverOverlap() {
    List<Release> releases =
        new CheckDecisionTest.Catalogue()
            .stable("1.1.0", 2)
            .add("1.2.0", 3, Channel.STABLE, false, true, 10_000, null)
            .add("1.3.0", 4, Channel.STABLE, false, true, 10_000, null)
            .sorted();
    RolloutRules rules =
        RolloutRules.of(
            Map.of(),
            Map.of(
                30L, new ReleaseGate(false, 7, 0, 3_000),
                40L, new ReleaseGate(false, 7, 3_000, 6_000)));
    int[] byCode = new int[5];
    for (int i = 0; i < DEVICES; i++) {
      byCode[(int) offered(releases, rules, "sim-" + i).versionCode()]++;
    }
    assertThat(byCode[3] / (double) DEVICES).isCloseTo(0.30, within(0.01));
    assertThat(byCode[4] / (double) DEVICES).isCloseTo(0.30, within(0.01));
    assertThat(byCode[2] / (double) DEVICES).isCloseTo(0.40, within(0.01));
    assertThat(offered(releases, rules, null).versionCode()).isEqualTo(2);
  }

  @Test
  void anAppChannelReceivesItsOwnReleasesAndThoseOfTheChannelItNames() {
    Channel internal = Channel.parse("channel", "internal");
    AppChannels channels = AppChannels.of(Map.of(internal, Channel.BETA));
    List<Release> releases =
        new CheckDecisionTest.Catalogue()
            .stable("1.1.0", 2)
            .add("1.2.0-beta.1", 3, Channel.BETA, false, true, 10_000, null)
            .add("1.3.0-internal.1", 4, internal, false, true, 10_000, null)
            .add("1.4.0-alpha.1", 5, Channel.ALPHA, false, true, 10_000, null)
            .sorted();

    assertThat(channels.receivedBy(internal))
        .containsExactlyInAnyOrder(internal, Channel.BETA, Channel.STABLE);
    assertThat(decide(releases, channels.receivedBy(internal)).version())
        .isEqualTo(Version.parse("1.3.0-internal.1"));
    assertThat(decide(releases, channels.receivedBy(Channel.BETA)).version())
        .isEqualTo(Version.parse("1.2.0-beta.1"));
    assertThat(decide(releases, channels.receivedBy(Channel.ALPHA)).version())
        .isEqualTo(Version.parse("1.4.0-alpha.1"));
    assertThat(channels.receivedBy(Channel.parse("channel", "nightly"))).isNull();
  }

  private static Release decide(List<Release> releases, Set<Channel> receivable) {
    return CheckDecision.decide(
            new CheckQuery(
                AppId.DEFAULT,
                CheckDecisionTest.ANDROID,
                Channel.STABLE,
                Version.parse("1.0.0+1"),
                1L,
                null),
            releases,
            receivable,
            RolloutRules.NONE,
            CheckDecisionTest.NOW)
        .offered();
  }
}
