package dev.petrel.server.archives;

import java.io.IOException;

/**
 * Random access to the bytes of one stored file, read a slice at a time so that an archive of
 * hundreds of megabytes is inspected without reading it whole. Implementations need not be
 * thread-safe.
 */
public interface ByteSource {
  /** The file's length in bytes. */
  long size();

  /**
   * Exactly {@code length} bytes from {@code offset}.
   *
   * @throws MalformedArchiveException when the range is not inside the file: whatever pointed there
   *     (an archive's own offsets) is malformed
   */
  byte[] read(long offset, int length) throws IOException;
}
