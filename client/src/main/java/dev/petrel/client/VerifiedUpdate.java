package dev.petrel.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A downloaded artifact whose size and SHA-256 equal those of a verified, pinned-key-signed
 * statement for this app and platform. Only {@link Updater#download} creates these with a meaning;
 * {@link Updater#install} checks the file once more before handing it to the {@link Installer}.
 *
 * @param offer the offer the file belongs to
 * @param file the complete artifact, {@code stateDir/downloads/<sha256>}; it stays there until the
 *     next successful install of another release
 */
public record VerifiedUpdate(Offer offer, Path file) {
  /** Checks that both parts are present. */
  public VerifiedUpdate {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(file, "file");
  }
}
