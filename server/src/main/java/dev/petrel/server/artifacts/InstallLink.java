package dev.petrel.server.artifacts;

import dev.petrel.server.releases.Release;

/**
 * A platform's own link for installing a hosted release, handed out instead of the plain download
 * URL (iOS installs an IPA only through an {@code itms-services} link to its manifest).
 */
public interface InstallLink {
  /**
   * The link for {@code release}, or null when this platform has none for it.
   *
   * @param publicUrl the server's public base URL without a trailing slash
   */
  String of(Release release, String publicUrl);
}
