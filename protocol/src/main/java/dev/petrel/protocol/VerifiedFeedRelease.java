package dev.petrel.protocol;

import java.util.Objects;

/**
 * A feed entry whose statement verified against a pinned key and agreed with its wrapper.
 * Immutable. Take every fact about the release from {@link #statement()}; the download URL is the
 * one unsigned value, which is why the downloaded bytes must still match the statement's {@code
 * sha256} and {@code size} before anything is installed.
 *
 * @param signed the verified statement, its signature and the id of the pinned key that made it
 * @param downloadUrl where to fetch the artifact (unsigned)
 */
public record VerifiedFeedRelease(SignedStatement signed, String downloadUrl) {
  /** Requires both components. */
  public VerifiedFeedRelease {
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(downloadUrl, "downloadUrl");
  }

  /** The verified statement. */
  public ReleaseStatement statement() {
    return signed.statement();
  }
}
