package dev.petrel.server.artifacts.s3;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.ArtifactStoreUnavailableException;
import dev.petrel.server.artifacts.CheckedUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores artifacts as objects {@code <prefix><content address>} in an S3-compatible bucket.
 *
 * <p>An upload is read one part at a time (memory: one part per upload in progress, whatever the
 * artifact's size), hashed on the way. An artifact that fits in one part is checked and then put in
 * one request. A larger one goes up as a multipart upload, which S3 shows under its key only once
 * completed, and is completed only after the digest and length are verified; any failure (a
 * refusal, the client going away, the store failing) aborts it. When the uploader declared the
 * digest, the multipart upload goes straight to the content address; otherwise to a temporary key
 * under {@code <prefix>tmp/}, copied inside the store to its content address once verified and then
 * deleted. Uploads and temporary objects that a crashed node left behind are removed by {@link
 * S3Connection#store} after an hour.
 *
 * <p>Thread-safe: the S3 client is, and each upload has its own buffer.
 */
public final class S3ArtifactStore implements ArtifactStore {
  /** The part size of uploads: S3 takes 5 MiB to 5 GiB, and at most 10 000 parts. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** The largest object S3 copies in one request; larger ones are copied part by part. */
  static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

  private final S3Client s3;
  private final S3Location location;
  private final int partSize;
  private final long singleCopyLimit;

  /**
   * @param partSize the bytes held in memory per upload and sent per part (at least 5 MiB on AWS
   *     S3; smaller only for stores that allow it)
   * @param singleCopyLimit the largest temporary object copied in one request
   */
  S3ArtifactStore(S3Client s3, S3Location location, int partSize, long singleCopyLimit) {
    if (partSize < 1) {
      throw new IllegalArgumentException("partSize: expected 1 or more, found " + partSize);
    }
    this.s3 = s3;
    this.location = location;
    this.partSize = partSize;
    this.singleCopyLimit = singleCopyLimit;
  }

  /** Where this store keeps its objects. */
  public S3Location location() {
    return location;
  }

  @Override
  public Stored put(InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize)
      throws IOException {
    CheckedUpload upload = CheckedUpload.of(in, maxBytes, expectedSha256, expectedSize);
    byte[] part = new byte[partSize];
    int length = upload.readFully(part);
    try {
      if (length < partSize) {
        return putWhole(upload, part, length);
      }
      if (expectedSha256 != null && exists(location.keyOf(expectedSha256))) {
        return drain(upload, part);
      }
      return putInParts(upload, part, length);
    } catch (SdkException e) {
      throw unavailable("store an upload", e);
    }
  }

  /** The whole artifact is in {@code part}: checked first, then put in one request. */
  private Stored putWhole(CheckedUpload upload, byte[] part, int length) {
    Stored stored = upload.verify();
    String key = location.keyOf(stored.sha256());
    if (!exists(key)) {
      s3.putObject(
          request ->
              request
                  .bucket(location.bucket())
                  .key(key)
                  .contentType("application/octet-stream")
                  .contentLength((long) length),
          RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length));
    }
    return stored;
  }

  /** The declared digest is stored already: reads the rest only to check it. */
  private static Stored drain(CheckedUpload upload, byte[] buffer) throws IOException {
    while (upload.readFully(buffer) == buffer.length) {
      // keeps reading: CheckedUpload hashes and counts
    }
    return upload.verify();
  }

  private Stored putInParts(CheckedUpload upload, byte[] part, int firstLength) throws IOException {
    boolean declared = upload.expectedSha256() != null;
    String key = declared ? location.keyOf(upload.expectedSha256()) : location.newTemporaryKey();
    MultipartUpload multipart = MultipartUpload.start(s3, location.bucket(), key);
    Stored stored;
    try {
      for (int length = firstLength; length > 0; length = upload.readFully(part)) {
        multipart.send(part, length);
      }
      stored = upload.verify();
      multipart.complete();
    } catch (Throwable e) {
      multipart.abort(e);
      throw e;
    }
    if (!declared) {
      moveIntoPlace(key, stored);
    }
    return stored;
  }

  /** Copies a verified temporary object to its content address, then deletes it. */
  private void moveIntoPlace(String temporaryKey, Stored stored) {
    String key = location.keyOf(stored.sha256());
    try {
      if (exists(key)) {
        return;
      }
      if (stored.size() <= singleCopyLimit) {
        s3.copyObject(
            request ->
                request
                    .sourceBucket(location.bucket())
                    .sourceKey(temporaryKey)
                    .destinationBucket(location.bucket())
                    .destinationKey(key));
      } else {
        copyInParts(temporaryKey, key, stored.size());
      }
    } finally {
      s3.deleteObject(request -> request.bucket(location.bucket()).key(temporaryKey));
    }
  }

  private void copyInParts(String sourceKey, String key, long size) {
    MultipartUpload copy = MultipartUpload.start(s3, location.bucket(), key);
    try {
      for (long first = 0; first < size; first += singleCopyLimit) {
        copy.copy(sourceKey, first, Math.min(size, first + singleCopyLimit) - 1);
      }
      copy.complete();
    } catch (RuntimeException e) {
      copy.abort(e);
      throw e;
    }
  }

  @Override
  public Optional<Stored> stat(Sha256 sha256) throws IOException {
    try {
      return head(location.keyOf(sha256)).map(head -> new Stored(sha256, head.contentLength()));
    } catch (SdkException e) {
      throw unavailable("look up " + sha256.hex(), e);
    }
  }

  @Override
  public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset and length: expected 0 or more, found " + offset + " and " + length);
    }
    String key = location.keyOf(sha256);
    try {
      if (length == 0) {
        head(key).orElseThrow(() -> new NoSuchFileException(sha256.hex()));
        return InputStream.nullInputStream();
      }
      String last = length > Long.MAX_VALUE - offset ? "" : String.valueOf(offset + length - 1);
      return s3.getObject(
          request ->
              request.bucket(location.bucket()).key(key).range("bytes=" + offset + "-" + last));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(sha256.hex());
      }
      if (e.statusCode() == 416) {
        return InputStream.nullInputStream(); // the offset is at or past the end
      }
      throw unavailable("read " + sha256.hex(), e);
    } catch (SdkException e) {
      throw unavailable("read " + sha256.hex(), e);
    }
  }

  private boolean exists(String key) {
    return head(key).isPresent();
  }

  private Optional<HeadObjectResponse> head(String key) {
    try {
      return Optional.of(s3.headObject(request -> request.bucket(location.bucket()).key(key)));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private ArtifactStoreUnavailableException unavailable(String action, SdkException e) {
    return new ArtifactStoreUnavailableException(
        location + ": cannot " + action + ": " + e.getMessage(), e);
  }
}
