package dev.petrel.server.recalls;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.ReleaseGate;
import dev.petrel.server.rollouts.RolloutRules;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What makes a release a good downgrade target, defined once for the recall endpoint (its default
 * pick and its check of a named target) and the check path (whether a recall's target is still
 * offered). A good target is what the check path calls the newest live, fully rolled-out release
 * ({@code CheckDecision}): active, published (not scheduled for later), its rollout neither paused,
 * halted nor an experiment arm, rolled out to everyone, in a channel the devices receive by the
 * app's channels; in addition it is signed (a client installs a downgrade only with the target's
 * own release statement) and not recalled itself. Stateless.
 */
public final class DowngradeTargets {
  private DowngradeTargets() {}

  /**
   * Why {@code candidate} cannot be offered as a downgrade to devices on channel {@code devices},
   * or null when it can.
   *
   * @param rules the app channels and stopped rollouts and experiment arms, as of the same moment
   *     as {@code candidate}
   * @param recalled whether {@code candidate} has a recall of its own
   * @param now releases published after it are not live yet
   */
  public static String problem(
      Release candidate, Channel devices, RolloutRules rules, boolean recalled, Instant now) {
    ReleaseGate gate = rules.gate(candidate.id());
    Set<Channel> receivable = rules.channels(candidate.appId()).receivedBy(devices);
    if (recalled) {
      return "it is recalled itself";
    }
    if (!candidate.active()) {
      return "it is not active";
    }
    if (candidate.publishedAt().isAfter(now)) {
      return "it is scheduled for " + candidate.publishedAt() + ", not published yet";
    }
    if (gate != null && gate.stopped()) {
      return "its rollout is paused or halted";
    }
    if (gate != null && gate.arm()) {
      return "it is an arm of a running experiment";
    }
    if (candidate.rolloutBasisPoints() < RolloutBucket.BUCKETS) {
      return "it is not rolled out to everyone";
    }
    if (!candidate.signed()) {
      return "it is not signed, and devices install a downgrade only with a signed release";
    }
    if (receivable == null || !receivable.contains(candidate.channel())) {
      return "its channel "
          + candidate.channel().wireName()
          + " is not one devices on "
          + devices.wireName()
          + " receive";
    }
    return null;
  }

  /**
   * Why {@code candidate} cannot be the target of a recall of {@code release}, or null when it can:
   * a version code below the recalled one's, and {@link #problem(Release, Channel, RolloutRules,
   * boolean, Instant) good} for the recalled release's devices.
   *
   * @param isRecalled whether the release with a given id has a recall of its own
   */
  static String problem(
      Release candidate,
      Release release,
      RolloutRules rules,
      LongPredicate isRecalled,
      Instant now) {
    if (candidate.versionCode() >= release.versionCode()) {
      return "its version code "
          + candidate.versionCode()
          + " is not below "
          + release.versionCode();
    }
    return problem(candidate, release.channel(), rules, isRecalled.test(candidate.id()), now);
  }

  /**
   * The newest good target for a recall of {@code release}, or null when there is none or its
   * platform does not allow downgrades ({@link Downgrades}).
   *
   * @param siblings the releases of {@code release}'s app and platform, highest version code first
   */
  static Release newest(
      List<Release> siblings,
      Release release,
      RolloutRules rules,
      LongPredicate isRecalled,
      Instant now) {
    if (!Downgrades.allowedOn(release.platform())) {
      return null;
    }
    for (Release candidate : siblings) {
      if (problem(candidate, release, rules, isRecalled, now) == null) {
        return candidate;
      }
    }
    return null;
  }
}
