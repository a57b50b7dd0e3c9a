package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import java.net.URI;

/**
 * Where a download of a stored artifact is sent instead of being streamed through this node: a
 * pre-signed URL of the object store, or a CDN. {@link DownloadRoutes} answers a {@code GET} with
 * {@code 302 Found} and this location. Implementations are thread-safe.
 */
public interface DownloadRedirects {

  /**
   * The URL that serves the artifact's bytes, with {@code Range} support.
   *
   * @param fileName the name to suggest to the downloader, or null for none
   */
  URI locationOf(Sha256 sha256, String fileName);

  /** The {@code Cache-Control} of the redirect itself: how long it may be reused. */
  String cacheControl();
}
