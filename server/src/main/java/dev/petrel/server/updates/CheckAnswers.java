package dev.petrel.server.updates;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.deltas.Delta;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.Times;

/** The JSON answers of the two check endpoints, built from a {@link CheckDecision.Outcome}. */
final class CheckAnswers {
  private CheckAnswers() {}

  /** The seed's check answer; every field is always present, null where it does not apply. */
  record SeedCheckAnswer(
      boolean updateAvailable,
      String latestVersion,
      Long versionCode,
      String downloadUrl,
      Long fileSize,
      String checksum,
      String releaseNotes,
      boolean isMandatory,
      String message) {}

  /**
   * The v1 answer.
   *
   * @param ok always true
   * @param updateAvailable whether {@code release} is set
   * @param isMandatory whether the device must install it
   * @param currentRecalled whether the version the device runs has been deactivated
   * @param release what to install, or null
   * @param downgrade whether {@code release} is older than the recalled version the device runs,
   *     offered by a signed recall ({@code recall} then carries that recall's statement)
   * @param recall about the recalled version the device runs, or null when it was not recalled
   */
  record CheckAnswer(
      boolean ok,
      boolean updateAvailable,
      boolean isMandatory,
      boolean currentRecalled,
      Offer release,
      boolean downgrade,
      RecallAnswer recall) {}

  /**
   * The {@code recall} object of the v1 answer. {@code statement} (base64 of the signed recall
   * statement), {@code signature} and {@code signingKeyId} are null for an unsigned recall; all but
   * {@code downgradeAllowed} and {@code message} are null when the release was only deactivated.
   */
  record RecallAnswer(
      String statement,
      String signature,
      String signingKeyId,
      String reason,
      boolean downgradeAllowed,
      String message) {}

  /**
   * The release offered to a device. {@code statement} (base64 of the canonical bytes), {@code
   * signature} and {@code signingKeyId} are null when the release is unsigned.
   */
  record Offer(
      long id,
      String version,
      long versionCode,
      String channel,
      String downloadUrl,
      Long fileSize,
      String checksum,
      String releaseNotes,
      String minSupportedVersion,
      String publishedAt,
      String statement,
      String signature,
      String signingKeyId,
      DeltaOffer delta) {}

  /**
   * A patch from the device's installed release to the offered one, beside the full download. The
   * device uses it only when its installed artifact has {@code fromSha256}; the patched result is
   * verified against the offer's signed SHA-256, so the patch itself is not signed.
   */
  record DeltaOffer(
      String format,
      long fromVersionCode,
      String fromSha256,
      String url,
      long size,
      String sha256) {}

  static SeedCheckAnswer seed(CheckDecision.Outcome outcome, DownloadLinks links) {
    Release offered = outcome.offered();
    if (offered == null) {
      Release newest = outcome.newestLive();
      String message =
          outcome.currentRecalled()
              ? "This version has been withdrawn; no newer version is available yet."
              : "You are using the latest version.";
      return new SeedCheckAnswer(
          false,
          newest == null ? null : newest.version().toString(),
          null,
          null,
          null,
          null,
          null,
          false,
          message);
    }
    return new SeedCheckAnswer(
        true,
        offered.version().toString(),
        offered.versionCode(),
        links.of(offered),
        offered.fileSize(),
        offered.sha256() == null ? null : offered.sha256().hex(),
        offered.releaseNotes(),
        outcome.mandatory(),
        outcome.mandatory() ? "A required update is available." : "New version available!");
  }

  /**
   * The v1 answer; a downgrade a recall allows is offered only when {@code outcome} offers none.
   */
  static CheckAnswer v1(
      CheckDecision.Outcome outcome, RecallNotice recall, DownloadLinks links, Delta delta) {
    Release downgradeTo = recall == null ? null : recall.downgradeTo();
    Release offered = outcome.offered() != null ? outcome.offered() : downgradeTo;
    Offer offer = offered == null ? null : offer(offered, links, delta);
    boolean downgrade = offered != null && offered == downgradeTo;
    return new CheckAnswer(
        true,
        offer != null,
        outcome.mandatory() || downgrade,
        outcome.currentRecalled(),
        offer,
        downgrade,
        recall == null ? null : recallAnswer(recall));
  }

  private static RecallAnswer recallAnswer(RecallNotice notice) {
    var recall = notice.recall();
    return new RecallAnswer(
        recall == null ? null : recall.statement(),
        recall == null ? null : recall.signature(),
        recall == null ? null : recall.signingKeyId(),
        recall == null ? null : recall.reason(),
        notice.downgradeAllowed(),
        notice.message());
  }

  private static Offer offer(Release release, DownloadLinks links, Delta delta) {
    return new Offer(
        release.id(),
        release.version().toString(),
        release.versionCode(),
        release.channel().wireName(),
        links.of(release),
        release.fileSize(),
        release.sha256() == null ? null : release.sha256().hex(),
        release.releaseNotes(),
        release.minSupportedVersion() == null ? null : release.minSupportedVersion().toString(),
        Times.iso(release.publishedAt()),
        release.statement(),
        release.signature(),
        release.signingKeyId(),
        delta == null ? null : deltaOffer(release, delta, links));
  }

  private static DeltaOffer deltaOffer(Release release, Delta delta, DownloadLinks links) {
    Sha256 patch = Sha256.parse("patch_sha256", delta.patchSha256());
    String name =
        release.appId() + "-" + release.version() + "-from-" + delta.fromVersionCode() + ".patch";
    return new DeltaOffer(
        delta.format(),
        delta.fromVersionCode(),
        delta.fromSha256(),
        links.hosted(patch, name),
        delta.patchSize(),
        patch.hex());
  }
}
