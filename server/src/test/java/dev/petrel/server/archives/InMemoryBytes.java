package dev.petrel.server.archives;

import java.util.Arrays;

/** A {@link ByteSource} over an array, for reading archives built in a test. */
public final class InMemoryBytes implements ByteSource {
  private final byte[] bytes;

  public InMemoryBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public byte[] read(long offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new MalformedArchiveException(
          "it points to " + length + " bytes at " + offset + ", outside its " + bytes.length);
    }
    return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
  }
}
