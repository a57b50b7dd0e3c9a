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
   * @throws java.io.EOFException when the file ends before
   */
  byte[] read(long offset, int length) throws IOException;
}
