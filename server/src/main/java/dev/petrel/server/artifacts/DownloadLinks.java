package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.releases.Release;
import java.util.function.Supplier;

/**
 * Builds the URL a device downloads a release from: the external URL as published, or for hosted
 * artifacts {@code <public url>/downloads/<sha256>/<file name>} (served by {@link DownloadRoutes}).
 */
public final class DownloadLinks {
  private final Supplier<String> publicUrl;

  /**
   * @param publicUrl the server's public base URL without a trailing slash (a supplier, because a
   *     server started on port 0 learns its port only once started)
   */
  public DownloadLinks(Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
  }

  /** The download URL of {@code release}. */
  public String of(Release release) {
    if (!release.hosted()) {
      return release.externalUrl();
    }
    return hosted(release.sha256(), release.fileName());
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
