package dev.petrel.delta;

import dev.petrel.delta.zip.ZipSource;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a file at any position through one small window, so the file is never held in memory. */
final class RandomReader implements Closeable, ZipSource {
  private static final int WINDOW = 64 * 1024;

  private final FileChannel channel;
  private final long size;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  RandomReader(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
  }

  @Override
  public long size() {
    return size;
  }

  /** Copies {@code length} bytes at {@code position} into {@code into}. */
  @Override
  public void read(long position, byte[] into, int offset, int length) throws IOException {
    while (length > 0) {
      if (position < windowStart || position >= windowStart + windowLength) {
        fill(position);
      }
      int start = (int) (position - windowStart);
      int n = Math.min(length, windowLength - start);
      System.arraycopy(window, start, into, offset, n);
      position += n;
      offset += n;
      length -= n;
    }
  }

  private void fill(long position) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(window);
    windowStart = position;
    windowLength = 0;
    while (buffer.hasRemaining() && position + buffer.position() < size) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        break;
      }
    }
    windowLength = buffer.position();
    if (windowLength == 0) {
      throw new EOFException("read past the end of the file at " + position);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
