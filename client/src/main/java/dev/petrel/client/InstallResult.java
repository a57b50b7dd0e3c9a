package dev.petrel.client;

import java.util.Objects;

/**
 * What an {@link Installer} did. Immutable.
 *
 * @param previousVersion the version that was current before, or null if none was installed
 * @param installedVersion the version that is current now
 * @param restartRequired whether the running app must restart to run {@code installedVersion}
 * @param detail a short note for people (may be empty, never null)
 */
public record InstallResult(
    String previousVersion, String installedVersion, boolean restartRequired, String detail) {
  /** Checks the required parts. */
  public InstallResult {
    Objects.requireNonNull(installedVersion, "installedVersion");
    detail = detail == null ? "" : detail;
  }
}
