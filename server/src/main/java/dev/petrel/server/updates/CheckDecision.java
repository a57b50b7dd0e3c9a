package dev.petrel.server.updates;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.ReleaseGate;
import dev.petrel.server.rollouts.RolloutRules;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Decides what to offer a device, from the catalogue alone (no I/O): the rules of the check in
 * DESIGN.md.
 *
 * <ol>
 *   <li>Candidates are the live releases of the device's app and platform, in its channel or a more
 *       stable one, above its version code (or, when it sent none, above its version).
 *   <li>Walking from the highest down, the first whose rollout includes the device is offered; a
 *       device without an id only sees fully rolled-out releases. A paused or halted rollout
 *       includes no one; an arm of a cohort experiment includes the devices whose experiment bucket
 *       lies in its range, and is never "fully rolled out".
 *   <li>The offer is mandatory when it or any candidate below it is mandatory, or the device is
 *       below the offer's minimum supported version.
 * </ol>
 */
public final class CheckDecision {
  private CheckDecision() {}

  /**
   * The outcome of a check.
   *
   * @param offered the release to install, or null when the device is up to date
   * @param mandatory whether the device must install {@code offered}
   * @param current the release the device runs, when the catalogue knows it
   * @param newestLive the newest live, fully rolled-out release of the device's channels, or null
   */
  public record Outcome(Release offered, boolean mandatory, Release current, Release newestLive) {
    /** Whether the release the device runs has been deactivated. */
    public boolean currentRecalled() {
      return current != null && !current.active();
    }
  }

  /**
   * Decides with the built-in channels and no rollout rules.
   *
   * @param releases the app's releases on the device's platform, highest version code first
   * @param now the time of the check; releases published later are not yet live
   */
  public static Outcome decide(CheckQuery query, List<Release> releases, Instant now) {
    Set<Channel> receivable = RolloutRules.NONE.channels(query.app()).receivedBy(query.channel());
    return decide(
        query,
        releases,
        receivable == null ? Set.of(query.channel()) : receivable,
        RolloutRules.NONE,
        now);
  }

  /**
   * @param releases the app's releases on the device's platform, highest version code first
   * @param receivable the channels whose releases the device's channel receives
   * @param rules the stopped rollouts and experiment arms of the snapshot {@code releases} is from
   * @param now the time of the check; releases published later are not yet live
   */
  public static Outcome decide(
      CheckQuery query,
      List<Release> releases,
      Set<Channel> receivable,
      RolloutRules rules,
      Instant now) {
    Release current = findCurrent(query, releases);
    Long currentCode =
        query.currentVersionCode() != null
            ? query.currentVersionCode()
            : current == null ? null : current.versionCode();
    Release offered = null;
    Release newestLive = null;
    boolean mandatory = false;
    for (Release release : releases) {
      ReleaseGate gate = rules.gate(release.id());
      if (!isLive(release, receivable, gate, now)) {
        continue;
      }
      boolean fullyRolledOut =
          gate == null && release.rolloutBasisPoints() >= RolloutBucket.BUCKETS;
      if (newestLive == null && fullyRolledOut) {
        newestLive = release;
      }
      if (!isNewer(release, query, currentCode)) {
        break;
      }
      if (offered == null && includes(release, gate, query)) {
        offered = release;
      }
      if (offered != null && release.mandatory()) {
        mandatory = true;
      }
    }
    if (offered != null
        && offered.minSupportedVersion() != null
        && query.currentVersion().compareTo(offered.minSupportedVersion()) < 0) {
      mandatory = true;
    }
    return new Outcome(offered, mandatory, current, newestLive);
  }

  private static Release findCurrent(CheckQuery query, List<Release> releases) {
    for (Release release : releases) {
      boolean same =
          query.currentVersionCode() != null
              ? release.versionCode() == query.currentVersionCode()
              : release.version().compareTo(query.currentVersion()) == 0;
      if (same) {
        return release;
      }
    }
    return null;
  }

  /** Whether a device whose channel receives {@code receivable} may be offered {@code release}. */
  static boolean isLive(Release release, Set<Channel> receivable, ReleaseGate gate, Instant now) {
    return release.active()
        && receivable.contains(release.channel())
        && !release.publishedAt().isAfter(now)
        && (gate == null || !gate.stopped());
  }

  private static boolean isNewer(Release release, CheckQuery query, Long currentCode) {
    return currentCode != null
        ? release.versionCode() > currentCode
        : release.version().compareTo(query.currentVersion()) > 0;
  }

  private static boolean includes(Release release, ReleaseGate gate, CheckQuery query) {
    if (gate != null && gate.arm()) {
      if (query.device() == null) {
        return false;
      }
      int bucket = RolloutBucket.ofExperiment(gate.experimentId(), query.device());
      return bucket >= gate.rangeStart() && bucket < gate.rangeEnd();
    }
    if (release.rolloutBasisPoints() >= RolloutBucket.BUCKETS) {
      return true;
    }
    return query.device() != null
        && RolloutBucket.includes(release.id(), query.device(), release.rolloutBasisPoints());
  }
}
