package dev.petrel.server.artifacts.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes what uploads that never finished left in the bucket: multipart uploads under the prefix
 * and temporary objects under {@code <prefix>tmp/}, once older than {@link #AGE}. A node that was
 * killed mid-upload leaves them; the next node to start removes them.
 */
final class StaleUploads {
  private static final Logger log = LoggerFactory.getLogger(StaleUploads.class);

  /**
   * An upload in progress sends a part every few seconds at worst (and the HTTP idle timeout ends a
   * stalled one), so an hour-old one belongs to no live upload, even of another node.
   */
  static final Duration AGE = Duration.ofHours(1);

  private StaleUploads() {}

  /**
   * Removes stale uploads and temporary objects. Failures are logged, not thrown: the store works
   * without this, and the bucket's lifecycle rule (see docs/operations.md) is the other safety net.
   */
  static void remove(S3Client s3, S3Location location, Clock clock) {
    Instant cutoff = clock.instant().minus(AGE);
    try {
      abortMultipartUploads(s3, location, cutoff);
      deleteTemporaryObjects(s3, location, cutoff);
    } catch (SdkException e) {
      log.warn("cannot remove stale uploads from {}: {}", location, e.toString());
    }
  }

  private static void abortMultipartUploads(S3Client s3, S3Location location, Instant cutoff) {
    for (MultipartUpload upload :
        s3.listMultipartUploadsPaginator(
                request -> request.bucket(location.bucket()).prefix(location.prefix()))
            .uploads()) {
      if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
        s3.abortMultipartUpload(
            request ->
                request.bucket(location.bucket()).key(upload.key()).uploadId(upload.uploadId()));
        log.info(
            "aborted the multipart upload of {}, left by an upload that never finished",
            upload.key());
      }
    }
  }

  private static void deleteTemporaryObjects(S3Client s3, S3Location location, Instant cutoff) {
    for (S3Object object :
        s3.listObjectsV2Paginator(
                request -> request.bucket(location.bucket()).prefix(location.temporaryPrefix()))
            .contents()) {
      if (object.lastModified() != null && object.lastModified().isBefore(cutoff)) {
        s3.deleteObject(request -> request.bucket(location.bucket()).key(object.key()));
        log.info("removed {}, left by an upload that never finished", object.key());
      }
    }
  }
}
