package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.protocol.Version;
import dev.petrel.server.releases.Release;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckDecisionTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final Platform ANDROID = new Platform("android");

  /** Builds releases for one app and platform; each call adds one, with id {@code code * 10}. */
  static final class Catalogue {
    final List<Release> releases = new ArrayList<>();

    Catalogue add(
        String version,
        long code,
        Channel channel,
        boolean mandatory,
        boolean active,
        int basisPoints,
        String minSupported) {
      releases.add(
          new Release(
              code * 10,
              AppId.DEFAULT,
              ANDROID,
              channel,
              Version.parse(version),
              code,
              minSupported == null ? null : Version.parse(minSupported),
              null,
              1L,
              null,
              "https://cdn.example.com/" + version,
              "",
              mandatory,
              active,
              basisPoints,
              NOW,
              NOW,
              null,
              null,
              null));
      return this;
    }

    Catalogue stable(String version, long code) {
      return add(version, code, Channel.STABLE, false, true, 10_000, null);
    }

    List<Release> sorted() {
      return releases.stream()
          .sorted(Comparator.comparingLong(Release::versionCode).reversed())
          .toList();
    }
  }

  static CheckQuery query(String current, Long code, Channel channel, String device) {
    return new CheckQuery(
        AppId.DEFAULT,
        ANDROID,
        channel,
        Version.parse(current),
        code,
        device == null ? null : new DeviceId(device));
  }

  static CheckDecision.Outcome decide(Catalogue catalogue, CheckQuery query) {
    return CheckDecision.decide(query, catalogue.sorted(), NOW);
  }

  @Test
  void offersTheHighestReleaseAboveTheDevicesVersionCode() {
    Catalogue catalogue = new Catalogue().stable("1.0.0", 1).stable("1.1.0", 2).stable("1.2.0", 3);

    CheckDecision.Outcome outcome = decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, "d1"));

    assertThat(outcome.offered().version()).hasToString("1.2.0");
    assertThat(outcome.mandatory()).isFalse();
  }

  @Test
  void offersNothingToAnUpToDateDevice() {
    Catalogue catalogue = new Catalogue().stable("1.0.0", 1).stable("1.1.0", 2);

    CheckDecision.Outcome outcome = decide(catalogue, query("1.1.0+2", 2L, Channel.STABLE, "d1"));

    assertThat(outcome.offered()).isNull();
    assertThat(outcome.newestLive().version()).hasToString("1.1.0");
  }

  @Test
  void comparesVersionsWhenTheDeviceSendsNoVersionCode() {
    Catalogue catalogue = new Catalogue().stable("1.0.0", 1).stable("1.1.0", 2);

    assertThat(decide(catalogue, query("1.0.5", null, Channel.STABLE, null)).offered().version())
        .hasToString("1.1.0");
    assertThat(decide(catalogue, query("1.1.0", null, Channel.STABLE, null)).offered()).isNull();
  }

  @Test
  void usesTheKnownReleasesCodeWhenTheDeviceSendsOnlyItsVersion() {
    Catalogue catalogue = new Catalogue().stable("1.5.0", 5).stable("1.6.0", 6);

    CheckDecision.Outcome outcome = decide(catalogue, query("1.5.0", null, Channel.STABLE, null));

    assertThat(outcome.current().versionCode()).isEqualTo(5);
    assertThat(outcome.offered().version()).hasToString("1.6.0");
  }

  @Test
  void skipsInactiveReleases() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .add("1.1.0", 2, Channel.STABLE, false, false, 10_000, null);

    assertThat(decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, "d1")).offered()).isNull();
  }

  @Test
  void channelsSeeTheirOwnAndMoreStableReleases() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .add("1.1.0-beta.1", 2, Channel.BETA, false, true, 10_000, null)
            .add("1.2.0-alpha.1", 3, Channel.ALPHA, false, true, 10_000, null);

    assertThat(decide(catalogue, query("0.9.0+0", 0L, Channel.STABLE, "d")).offered().version())
        .hasToString("1.0.0");
    assertThat(decide(catalogue, query("0.9.0+0", 0L, Channel.BETA, "d")).offered().version())
        .hasToString("1.1.0-beta.1");
    assertThat(decide(catalogue, query("0.9.0+0", 0L, Channel.ALPHA, "d")).offered().version())
        .hasToString("1.2.0-alpha.1");
  }

  @Test
  void mandatoryWhenASkippedOverReleaseIsMandatory() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .add("1.1.0", 2, Channel.STABLE, true, true, 10_000, null)
            .stable("1.2.0", 3);

    CheckDecision.Outcome outcome = decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, "d1"));

    assertThat(outcome.offered().version()).hasToString("1.2.0");
    assertThat(outcome.mandatory()).isTrue();
  }

  @Test
  void notMandatoryWhenTheMandatoryReleaseIsAlreadyInstalled() {
    Catalogue catalogue =
        new Catalogue()
            .add("1.1.0", 2, Channel.STABLE, true, true, 10_000, null)
            .stable("1.2.0", 3);

    assertThat(decide(catalogue, query("1.1.0+2", 2L, Channel.STABLE, "d1")).mandatory()).isFalse();
  }

  @Test
  void mandatoryWhenTheDeviceIsBelowTheMinimumSupportedVersion() {
    Catalogue catalogue =
        new Catalogue().add("2.0.0", 5, Channel.STABLE, false, true, 10_000, "1.5.0");

    assertThat(decide(catalogue, query("1.4.9+4", 4L, Channel.STABLE, "d1")).mandatory()).isTrue();
    assertThat(decide(catalogue, query("1.5.0+4", 4L, Channel.STABLE, "d1")).mandatory()).isFalse();
  }

  @Test
  void aDeviceOutsideAPartialRolloutGetsTheNewestFullyRolledOutRelease() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .stable("1.1.0", 2)
            .add("1.2.0", 3, Channel.STABLE, false, true, 1_000, null);
    String outside = deviceWithBucket(30, false, 1_000);
    String inside = deviceWithBucket(30, true, 1_000);

    assertThat(decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, outside)).offered().version())
        .hasToString("1.1.0");
    assertThat(decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, inside)).offered().version())
        .hasToString("1.2.0");
  }

  @Test
  void aMandatoryReleaseAboveTheOfferDoesNotMakeItMandatory() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .stable("1.1.0", 2)
            .add("1.2.0", 3, Channel.STABLE, true, true, 1_000, null);
    String outside = deviceWithBucket(30, false, 1_000);

    CheckDecision.Outcome outcome =
        decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, outside));

    assertThat(outcome.offered().version()).hasToString("1.1.0");
    assertThat(outcome.mandatory()).isFalse();
  }

  @Test
  void aRequestWithoutDeviceIdOnlySeesFullyRolledOutReleases() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .add("1.1.0", 2, Channel.STABLE, false, true, 9_999, null);

    assertThat(decide(catalogue, query("0.9.0+0", 0L, Channel.STABLE, null)).offered().version())
        .hasToString("1.0.0");
  }

  @Test
  void aZeroPercentRolloutOffersNobody() {
    Catalogue catalogue = new Catalogue().add("1.1.0", 2, Channel.STABLE, false, true, 0, null);

    for (int i = 0; i < 1000; i++) {
      assertThat(decide(catalogue, query("1.0.0+1", 1L, Channel.STABLE, "device-" + i)).offered())
          .isNull();
    }
  }

  @Test
  void reportsThatTheDevicesVersionWasRecalled() {
    Catalogue catalogue =
        new Catalogue()
            .stable("1.0.0", 1)
            .add("1.1.0", 2, Channel.STABLE, false, false, 10_000, null);

    CheckDecision.Outcome outcome = decide(catalogue, query("1.1.0+2", 2L, Channel.STABLE, "d1"));

    assertThat(outcome.currentRecalled()).isTrue();
    assertThat(outcome.offered()).isNull();
  }

  @Test
  void aReleasePublishedForLaterIsNotYetOffered() {
    List<Release> releases =
        List.of(
            new Release(
                7,
                AppId.DEFAULT,
                ANDROID,
                Channel.STABLE,
                Version.parse("1.1.0"),
                2,
                null,
                null,
                1L,
                null,
                "https://cdn.example.com/x",
                "",
                false,
                true,
                10_000,
                NOW,
                NOW.plusSeconds(60),
                null,
                null,
                null));

    assertThat(
            CheckDecision.decide(query("1.0.0+1", 1L, Channel.STABLE, "d"), releases, NOW)
                .offered())
        .isNull();
    assertThat(
            CheckDecision.decide(
                    query("1.0.0+1", 1L, Channel.STABLE, "d"), releases, NOW.plusSeconds(60))
                .offered())
        .isNotNull();
  }

  /**
   * Finds a device id that is inside (or outside) a rollout of {@code basisPoints} of a release.
   */
  static String deviceWithBucket(long releaseId, boolean inside, int basisPoints) {
    for (int i = 0; ; i++) {
      DeviceId device = new DeviceId("probe-" + i);
      if (RolloutBucket.includes(releaseId, device, basisPoints) == inside) {
        return device.value();
      }
    }
  }
}
