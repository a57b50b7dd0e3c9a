package dev.petrel.server.updates;

import dev.petrel.server.recalls.DowngradeTargets;
import dev.petrel.server.recalls.Downgrades;
import dev.petrel.server.recalls.Recall;
import dev.petrel.server.releases.Release;
import java.time.Instant;

/**
 * What a device whose installed release was recalled is told, decided from the catalogue alone (no
 * I/O), after {@link CheckDecision} has decided what to offer.
 *
 * <ul>
 *   <li>A newer release on offer wins: a fix forward beats a downgrade.
 *   <li>Otherwise, on a platform that allows downgrades ({@link Downgrades}), a signed recall whose
 *       target is still a good downgrade target for the device ({@link DowngradeTargets}: active,
 *       published, rolled out to everyone and neither paused, halted nor an experiment arm, signed,
 *       in a channel it receives) makes the target the offer, marked as a downgrade.
 *   <li>On Android and iOS no downgrade is ever offered; the message says a fix must come forward.
 * </ul>
 *
 * @param recalled the recalled release the device runs
 * @param recall its recall, or null when the release was only deactivated
 * @param downgradeAllowed whether the platform allows downgrades and the recall is signed and names
 *     a target
 * @param downgradeTo the release to go back to, when it is offered; null otherwise
 * @param message for people: what happened and what happens next
 */
record RecallNotice(
    Release recalled,
    Recall recall,
    boolean downgradeAllowed,
    Release downgradeTo,
    String message) {

  /** The notice for a check, or null when the device's release was not recalled. */
  static RecallNotice of(
      CheckQuery query, CheckDecision.Outcome outcome, Catalogue.Snapshot snapshot, Instant now) {
    if (!outcome.currentRecalled()) {
      return null;
    }
    Release recalled = outcome.current();
    Recall recall = snapshot.recall(recalled.id());
    boolean allowed =
        Downgrades.allowedOn(recalled.platform())
            && recall != null
            && recall.signed()
            && recall.targetReleaseId() != null;
    Release target = allowed ? liveTarget(query, snapshot, recall, now) : null;
    Release downgradeTo = outcome.offered() == null ? target : null;
    return new RecallNotice(
        recalled,
        recall,
        allowed,
        downgradeTo,
        headline(recalled, recall) + " " + advice(recalled, recall, outcome.offered(), target));
  }

  private static Release liveTarget(
      CheckQuery query, Catalogue.Snapshot snapshot, Recall recall, Instant now) {
    for (Release release : snapshot.releases(query.app(), query.platform())) {
      if (release.id() == recall.targetReleaseId()) {
        boolean live =
            DowngradeTargets.problem(
                    release,
                    query.channel(),
                    snapshot.rollouts(),
                    snapshot.recall(release.id()) != null,
                    now)
                == null;
        return live ? release : null;
      }
    }
    return null;
  }

  private static String headline(Release recalled, Recall recall) {
    if (recall == null) {
      return "Version " + recalled.version() + " was withdrawn by its publisher.";
    }
    String reason = recall.reason().strip();
    boolean ends = reason.endsWith(".") || reason.endsWith("!") || reason.endsWith("?");
    return "Version " + recalled.version() + " was recalled: " + reason + (ends ? "" : ".");
  }

  private static String advice(Release recalled, Recall recall, Release offered, Release target) {
    if (offered != null) {
      return "Update to " + offered.version() + ", which replaces it.";
    }
    if (!Downgrades.allowedOn(recalled.platform())) {
      return recalled.platform()
          + " does not install older versions, so none is offered; the publisher must publish a"
          + " fixed version forward (a version code above "
          + recalled.versionCode()
          + ").";
    }
    if (target != null) {
      return "Go back to " + target.version() + ", as the publisher's signed recall allows.";
    }
    if (recall == null || !recall.signed()) {
      return "No older version is offered without a signed recall; wait for a fixed version.";
    }
    if (recall.targetReleaseId() == null) {
      return "The recall names no version to go back to; wait for a fixed version.";
    }
    return "The version the recall names to go back to is no longer available; wait for a fixed"
        + " version.";
  }
}
