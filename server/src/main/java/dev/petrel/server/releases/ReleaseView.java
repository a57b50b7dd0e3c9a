package dev.petrel.server.releases;

import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.web.Times;

/**
 * The JSON shape of a release in the admin and v1 APIs, using the seed API's field names where it
 * has one ({@code checksum}, {@code is_mandatory}, {@code is_active}). {@code statement} (base64 of
 * the canonical bytes as signed), {@code signature} and {@code signingKeyId} are null for an
 * unsigned release.
 */
public record ReleaseView(
    long id,
    String app,
    String platform,
    String channel,
    String version,
    long versionCode,
    String minSupportedVersion,
    String downloadUrl,
    boolean hosted,
    String fileName,
    Long fileSize,
    String checksum,
    String releaseNotes,
    boolean isMandatory,
    boolean isActive,
    int rolloutBasisPoints,
    String createdAt,
    String publishedAt,
    String statement,
    String signature,
    String signingKeyId) {

  /** The view of {@code release}, its download URL built by {@code links}. */
  public static ReleaseView of(Release release, DownloadLinks links) {
    return new ReleaseView(
        release.id(),
        release.appId().name(),
        release.platform().name(),
        release.channel().wireName(),
        release.version().toString(),
        release.versionCode(),
        release.minSupportedVersion() == null ? null : release.minSupportedVersion().toString(),
        links.of(release),
        release.hosted(),
        release.hosted() ? release.fileName() : null,
        release.fileSize(),
        release.sha256() == null ? null : release.sha256().hex(),
        release.releaseNotes(),
        release.mandatory(),
        release.active(),
        release.rolloutBasisPoints(),
        Times.iso(release.createdAt()),
        Times.iso(release.publishedAt()),
        release.statement(),
        release.signature(),
        release.signingKeyId());
  }
}
