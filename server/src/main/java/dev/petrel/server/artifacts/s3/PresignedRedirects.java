package dev.petrel.server.artifacts.s3;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.DownloadRedirects;
import dev.petrel.server.artifacts.FileNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Sends downloads straight to the bucket with pre-signed {@code GET} URLs, valid for a short time
 * (the store checks the signature's age when a request starts, so a long download outlives it; a
 * later resume asks this node again and gets a fresh URL). The file name travels as the response's
 * {@code Content-Disposition} and {@code Content-Type}, as when streamed. Thread-safe.
 */
final class PresignedRedirects implements DownloadRedirects {
  private final S3Presigner presigner;
  private final S3Location location;
  private final Duration ttl;

  PresignedRedirects(S3Presigner presigner, S3Location location, Duration ttl) {
    this.presigner = presigner;
    this.location = location;
    this.ttl = ttl;
  }

  @Override
  public URI locationOf(Sha256 sha256, String fileName) {
    String url =
        presigner
            .presignGetObject(
                presign ->
                    presign
                        .signatureDuration(ttl)
                        .getObjectRequest(
                            request -> {
                              request.bucket(location.bucket()).key(location.keyOf(sha256));
                              if (fileName != null) {
                                request
                                    .responseContentDisposition(
                                        FileNames.contentDisposition(fileName))
                                    .responseContentType(FileNames.contentType(fileName));
                              }
                            }))
            .url()
            .toString();
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK pre-signed an invalid URL: " + url, e);
    }
  }

  /** Each redirect carries a fresh signature; none may be reused. */
  @Override
  public String cacheControl() {
    return "no-store";
  }
}
