package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed storage of release artifacts: each artifact is stored under the SHA-256 of its
 * bytes, so storing the same bytes twice keeps one copy and an artifact never changes once stored.
 * Implementations are thread-safe.
 */
public interface ArtifactStore {

  /**
   * What is stored under a digest.
   *
   * @param sha256 the digest of the bytes
   * @param size their length
   */
  record Stored(Sha256 sha256, long size) {}

  /**
   * Streams {@code in} into the store, hashing while it writes, never holding the whole artifact in
   * memory. Reading stops as soon as the stream is longer than {@code maxBytes} or the declared
   * length; a declared length above {@code maxBytes} is refused before anything is read. The
   * artifact becomes visible only once complete and verified; on any failure nothing is left
   * behind.
   *
   * @param maxBytes the most bytes accepted
   * @param expectedSha256 the digest the uploader declared, or null
   * @param expectedSize the length the uploader declared, or null
   * @throws ArtifactRejectedException when the stream is longer than {@code maxBytes} or does not
   *     match a declared digest or length
   * @throws IOException when reading or writing fails
   */
  Stored put(InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize)
      throws IOException;

  /** The stored artifact with this digest, or empty. */
  Optional<Stored> stat(Sha256 sha256) throws IOException;

  /**
   * Opens {@code length} bytes of an artifact starting at {@code offset}. The caller closes the
   * stream.
   *
   * @throws java.nio.file.NoSuchFileException when no such artifact is stored
   */
  InputStream open(Sha256 sha256, long offset, long length) throws IOException;

  /**
   * The file on this machine that holds an artifact's bytes, for a store that keeps such files, so
   * that a download can be sent from the file without copying it through the heap; empty for a
   * store whose bytes live elsewhere (then use {@link #open}). The file is only to be read, and it
   * never changes while it exists: content-addressed files are renamed into place complete. Whether
   * it exists is for the caller to find out when it opens it.
   */
  default Optional<Path> localFile(Sha256 sha256) {
    return Optional.empty();
  }
}
