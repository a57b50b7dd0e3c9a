package dev.petrel.server.recalls;

import dev.petrel.server.releases.Release;
import dev.petrel.server.web.Times;

/**
 * The JSON shape of a recall in the v1 API. {@code statement} (base64 of the canonical bytes as
 * signed), {@code signature}, {@code signingKeyId} and the target fields are null for an unsigned
 * recall; the target fields are null too when a signed recall names none.
 *
 * @param downgradeAllowed whether devices on the recalled release may go back to the target: the
 *     recall is signed, names a target, and the platform allows downgrades ({@link Downgrades})
 */
public record RecallView(
    long releaseId,
    String platform,
    String version,
    long versionCode,
    String reason,
    boolean signed,
    String statement,
    String signature,
    String signingKeyId,
    Long targetReleaseId,
    String targetVersion,
    Long targetVersionCode,
    boolean downgradeAllowed,
    String recalledBy,
    String recalledAt) {

  /** The view of {@code recall} of {@code release}; {@code target} may be null. */
  static RecallView of(Release release, Recall recall, Release target) {
    return new RecallView(
        release.id(),
        release.platform().name(),
        release.version().toString(),
        release.versionCode(),
        recall.reason(),
        recall.signed(),
        recall.statement(),
        recall.signature(),
        recall.signingKeyId(),
        recall.targetReleaseId(),
        target == null ? null : target.version().toString(),
        target == null ? null : target.versionCode(),
        target != null && Downgrades.allowedOn(release.platform()),
        recall.recalledBy(),
        Times.iso(recall.recalledAt()));
  }
}
