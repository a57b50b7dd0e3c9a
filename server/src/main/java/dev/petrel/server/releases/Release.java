package dev.petrel.server.releases;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.Version;
import java.time.Instant;

/**
 * A published release of an app for one platform: a row of {@code releases}.
 *
 * <p>A release is either <em>hosted</em> (its artifact is in Petrel's store under {@code sha256},
 * {@code fileSize} bytes) or <em>external</em> ({@code externalUrl} is handed to devices as is and
 * never fetched by the server; {@code sha256} and {@code fileSize} are then what the publisher
 * declared, possibly null).
 *
 * <p>A <em>signed</em> release carries the release statement its publisher signed ({@code
 * statement}: base64 of the exact canonical bytes), the signature ({@code signature}: base64 of 64
 * bytes) and the id of the registered key that verified it when it was published ({@code
 * signingKeyId}); all three are null for an unsigned release.
 */
public record Release(
    long id,
    AppId appId,
    Platform platform,
    Channel channel,
    Version version,
    long versionCode,
    Version minSupportedVersion,
    Sha256 sha256,
    Long fileSize,
    String fileName,
    String externalUrl,
    String releaseNotes,
    boolean mandatory,
    boolean active,
    int rolloutBasisPoints,
    Instant createdAt,
    Instant publishedAt,
    String statement,
    String signature,
    String signingKeyId) {

  /** Whether the artifact lives in Petrel's own store. */
  public boolean hosted() {
    return externalUrl == null;
  }

  /** This release with a verified statement, its signature and the id of the key that made it. */
  public Release withSignature(String statement, String signature, String signingKeyId) {
    return new Release(
        id,
        appId,
        platform,
        channel,
        version,
        versionCode,
        minSupportedVersion,
        sha256,
        fileSize,
        fileName,
        externalUrl,
        releaseNotes,
        mandatory,
        active,
        rolloutBasisPoints,
        createdAt,
        publishedAt,
        statement,
        signature,
        signingKeyId);
  }

  /** Whether the release carries a signed statement. */
  public boolean signed() {
    return statement != null;
  }
}
