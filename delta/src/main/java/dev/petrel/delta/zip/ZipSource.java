package dev.petrel.delta.zip;

import java.io.IOException;

/**
 * Random access to an archive's bytes, read a slice at a time so that an archive of hundreds of
 * megabytes is inspected without holding it whole. {@link CentralDirectory} checks every range
 * against {@link #size()} before it reads, so implementations are only asked for bytes inside the
 * archive. Implementations need not be thread-safe.
 */
public interface ZipSource {
  /** The archive's length in bytes. */
  long size();

  /**
   * Copies exactly {@code length} bytes at {@code position} into {@code into} from {@code offset}.
   */
  void read(long position, byte[] into, int offset, int length) throws IOException;

  /** An archive held in an array (not copied). */
  static ZipSource of(byte[] array) {
    return new ZipSource() {
      @Override
      public long size() {
        return array.length;
      }

      @Override
      public void read(long position, byte[] into, int offset, int length) {
        System.arraycopy(array, (int) position, into, offset, length);
      }
    };
  }
}
