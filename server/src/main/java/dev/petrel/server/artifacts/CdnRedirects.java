package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import java.net.URI;

/**
 * Sends downloads to a CDN (or any web server) that serves the store's content under {@code <base
 * url>/<content address>} (see {@link ContentAddress}), e.g. a CDN whose origin is the bucket and
 * prefix of the S3 store. The file name is not passed on: a CDN URL names bytes, not files.
 */
public final class CdnRedirects implements DownloadRedirects {
  private final String baseUrl;

  /**
   * @param baseUrl an http(s) URL; a trailing slash is ignored
   */
  public CdnRedirects(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public URI locationOf(Sha256 sha256, String fileName) {
    return URI.create(baseUrl + "/" + ContentAddress.of(sha256));
  }

  /** The target never changes for a digest, but the operator may move the CDN: an hour. */
  @Override
  public String cacheControl() {
    return "public, max-age=3600";
  }
}
