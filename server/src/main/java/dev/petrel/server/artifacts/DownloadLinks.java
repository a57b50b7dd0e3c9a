package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.releases.Release;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the URL a device downloads a release from: the external URL as published, a platform's
 * {@link InstallLink} for hosted artifacts that have one (an IPA's {@code itms-services} link), or
 * for other hosted artifacts {@code <public url>/downloads/<sha256>/<file name>} (served by {@link
 * DownloadRoutes}).
 */
public final class DownloadLinks {
  private final Supplier<String> publicUrl;
  private final List<InstallLink> installLinks;

  /**
   * @param publicUrl the server's public base URL without a trailing slash (a supplier, because a
   *     server started on port 0 learns its port only once started)
   */
  public DownloadLinks(Supplier<String> publicUrl) {
    this(publicUrl, List.of());
  }

  /**
   * @param installLinks asked in order for hosted releases; the first link given wins
   */
  public DownloadLinks(Supplier<String> publicUrl, List<InstallLink> installLinks) {
    this.publicUrl = publicUrl;
    this.installLinks = List.copyOf(installLinks);
  }

  /** The URL a device opens to get {@code release}. */
  public String of(Release release) {
    if (!release.hosted()) {
      return release.externalUrl();
    }
    String base = publicUrl.get();
    for (InstallLink link : installLinks) {
      String url = link.of(release, base);
      if (url != null) {
        return url;
      }
    }
    return hosted(release.sha256(), release.fileName());
  }

  /** The plain download URL of a hosted release's artifact, whatever its platform. */
  public String artifact(Release release) {
    return hosted(release.sha256(), release.fileName());
  }

  /** The server's public base URL without a trailing slash. */
  public String publicUrl() {
    return publicUrl.get();
  }

  /**
   * The download URL of a stored artifact.
   *
   * @param fileName the name to suggest to the downloader, or null for none
   */
  public String hosted(Sha256 sha256, String fileName) {
    String url = publicUrl.get() + "/downloads/" + sha256.hex();
    return fileName == null ? url : url + "/" + fileName;
  }
}
