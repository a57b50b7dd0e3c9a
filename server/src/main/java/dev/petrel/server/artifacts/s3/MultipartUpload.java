package dev.petrel.server.artifacts.s3;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One S3 multipart upload: the object appears under its key only when {@link #complete()} succeeds,
 * and {@link #abort} discards the parts sent so far. Each part carries its MD5, so the store
 * refuses a part damaged on the way. Not thread-safe.
 */
final class MultipartUpload {
  private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();

  private MultipartUpload(S3Client s3, String bucket, String key, String uploadId) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.uploadId = uploadId;
  }

  /** Starts a multipart upload to {@code key}. */
  static MultipartUpload start(S3Client s3, String bucket, String key) {
    String uploadId =
        s3.createMultipartUpload(
                request -> request.bucket(bucket).key(key).contentType("application/octet-stream"))
            .uploadId();
    return new MultipartUpload(s3, bucket, key, uploadId);
  }

  /** Sends the next part: the first {@code length} bytes of {@code bytes}. */
  void send(byte[] bytes, int length) {
    int number = parts.size() + 1;
    String etag =
        s3.uploadPart(
                request ->
                    request
                        .bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(number)
                        .contentLength((long) length)
                        .contentMD5(md5(bytes, length)),
                RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length))
            .eTag();
    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
  }

  /**
   * Adds the bytes {@code first} to {@code last} (inclusive) of the object {@code sourceKey} as the
   * next part, copied inside the store.
   */
  void copy(String sourceKey, long first, long last) {
    int number = parts.size() + 1;
    String etag =
        s3.uploadPartCopy(
                request ->
                    request
                        .sourceBucket(bucket)
                        .sourceKey(sourceKey)
                        .destinationBucket(bucket)
                        .destinationKey(key)
                        .uploadId(uploadId)
                        .partNumber(number)
                        .copySourceRange("bytes=" + first + "-" + last))
            .copyPartResult()
            .eTag();
    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
  }

  /** Makes the object visible under its key, made of the parts sent. */
  void complete() {
    s3.completeMultipartUpload(
        request ->
            request
                .bucket(bucket)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
  }

  /**
   * Discards the parts sent so far. A failure to abort is added to {@code cause} (the failure being
   * reported) and logged; the bucket's lifecycle rule or the next start removes the upload.
   */
  void abort(Throwable cause) {
    try {
      s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(e);
      log.warn("cannot abort the multipart upload {} of {}: {}", uploadId, key, e.toString());
    }
  }

  private static String md5(byte[] bytes, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
