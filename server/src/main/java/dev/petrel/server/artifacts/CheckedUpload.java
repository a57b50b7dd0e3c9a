package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactRejectedException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An upload's body as a store reads it: every byte read is hashed and counted, reading fails with
 * {@link ArtifactRejectedException} as soon as the body is longer than the limit or the declared
 * length, and {@link #verify()} checks the declared digest and length once the body has ended.
 * Every {@link ArtifactStore} reads its uploads through one, so all of them refuse alike. Not
 * thread-safe: one upload, one thread.
 */
public final class CheckedUpload extends FilterInputStream {
  /** The most bytes read from the body at a time. */
  static final int CHUNK = 64 * 1024;

  private final long maxBytes;
  private final Sha256 expectedSha256;
  private final Long expectedSize;
  private final MessageDigest digest = Sha256.newDigest();
  private long size;
  private boolean ended;

  private CheckedUpload(InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize) {
    super(in);
    this.maxBytes = maxBytes;
    this.expectedSha256 = expectedSha256;
    this.expectedSize = expectedSize;
  }

  /**
   * Starts checking {@code in}, the arguments of {@link ArtifactStore#put}.
   *
   * @throws ArtifactRejectedException when the declared length is above {@code maxBytes}; nothing
   *     has been read then
   * @throws IllegalArgumentException when {@code maxBytes} or {@code expectedSize} is negative
   */
  public static CheckedUpload of(
      InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: expected 0 or more, found " + maxBytes);
    }
    if (expectedSize != null && expectedSize < 0) {
      throw new IllegalArgumentException(
          "expectedSize: expected null or 0 or more, found " + expectedSize);
    }
    if (expectedSize != null && expectedSize > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return new CheckedUpload(in, maxBytes, expectedSha256, expectedSize);
  }

  /** The digest the uploader declared, or null. */
  public Sha256 expectedSha256() {
    return expectedSha256;
  }

  /** How many bytes have been read so far. */
  public long size() {
    return size;
  }

  /** Whether the body has been read to its end. */
  public boolean ended() {
    return ended;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read == -1 ? -1 : one[0] & 0xff;
  }

  /** Reads at most {@link #CHUNK} bytes, so a body longer than allowed is noticed soon. */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, Math.min(length, CHUNK));
    if (read == -1) {
      ended = true;
      return -1;
    }
    size += read;
    if (expectedSize != null && size > expectedSize) {
      throw sizeMismatch("at least " + size);
    }
    if (size > maxBytes) {
      throw tooLarge(maxBytes);
    }
    digest.update(buffer, offset, read);
    return read;
  }

  /**
   * Reads until {@code buffer} is full or the body ends.
   *
   * @return how many bytes were read, less than the buffer's length only at the end of the body
   */
  public int readFully(byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int read = read(buffer, filled, buffer.length - filled);
      if (read == -1) {
        break;
      }
      filled += read;
    }
    return filled;
  }

  /** Skipping would leave bytes unhashed: it reads them instead. */
  @Override
  public long skip(long count) throws IOException {
    byte[] buffer = new byte[(int) Math.min(count, 8192)];
    long skipped = 0;
    while (skipped < count) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
      if (read == -1) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Checks the whole body against what was declared.
   *
   * @return the digest and length of the bytes read
   * @throws IllegalStateException when the body has not been read to its end
   * @throws ArtifactRejectedException when the bytes differ from the declared digest or length
   */
  public ArtifactStore.Stored verify() {
    if (!ended) {
      throw new IllegalStateException("verify() needs the body read to its end");
    }
    Sha256 actual = Sha256.ofDigest(digest.digest());
    if (expectedSize != null && expectedSize != size) {
      throw sizeMismatch(String.valueOf(size));
    }
    if (expectedSha256 != null && !expectedSha256.equals(actual)) {
      throw new ArtifactRejectedException(
          Reason.DIGEST_MISMATCH,
          "declared SHA-256 " + expectedSha256 + " but the bytes hash to " + actual);
    }
    return new ArtifactStore.Stored(actual, size);
  }

  private ArtifactRejectedException sizeMismatch(String received) {
    return new ArtifactRejectedException(
        Reason.SIZE_MISMATCH, "declared " + expectedSize + " bytes but received " + received);
  }

  private static ArtifactRejectedException tooLarge(long maxBytes) {
    return new ArtifactRejectedException(
        Reason.TOO_LARGE, "the artifact is larger than the limit of " + maxBytes + " bytes");
  }
}
