package dev.petrel.delta.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link ZipSource} read in slices that must lie inside it: the archive's offsets are checked.
 */
final class BoundedSource {
  private final ZipSource source;
  private final long size;

  BoundedSource(ZipSource source) {
    this.source = source;
    this.size = source.size();
  }

  long size() {
    return size;
  }

  /**
   * Exactly {@code length} bytes at {@code position}.
   *
   * @throws ZipFormatException when the range is not inside the archive: whatever pointed there is
   *     malformed
   */
  byte[] bytes(long position, int length) throws IOException {
    if (position < 0 || length < 0 || position > size - length) {
      throw new ZipFormatException(
          "it points to " + length + " bytes at " + position + ", outside its " + size + " bytes");
    }
    byte[] bytes = new byte[length];
    source.read(position, bytes, 0, length);
    return bytes;
  }

  /** The same bytes, little-endian, as the archive's numbers are. */
  ByteBuffer buffer(long position, int length) throws IOException {
    return ByteBuffer.wrap(bytes(position, length)).order(ByteOrder.LITTLE_ENDIAN);
  }
}
