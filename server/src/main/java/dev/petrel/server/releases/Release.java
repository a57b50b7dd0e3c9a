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
    Instant publishedAt) {

  /** Whether the artifact lives in Petrel's own store. */
  public boolean hosted() {
    return externalUrl == null;
  }
}
