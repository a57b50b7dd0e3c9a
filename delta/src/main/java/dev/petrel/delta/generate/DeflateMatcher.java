package dev.petrel.delta.generate;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Finds the JDK {@code Deflater} settings that reproduce a zip entry's compressed bytes exactly, so
 * that the device can rebuild the entry from its inflated bytes. Tries the usual settings first and
 * stops a try at the first byte that differs.
 */
final class DeflateMatcher {
  /** Levels in the order tools most often use them. */
  private static final int[] LEVELS = {6, 9, 1, 5, 4, 3, 2, 7, 8, 0};

  private static final int[] STRATEGIES = {
    Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY
  };

  /**
   * A match.
   *
   * @param level the deflate level
   * @param strategy the deflate strategy
   */
  record Settings(int level, int strategy) {}

  private final byte[] buffer = new byte[64 * 1024];

  /** The inflated bytes of a raw deflate stream, or null when it is not exactly {@code size}. */
  static byte[] inflate(byte[] file, int offset, int length, long size) {
    if (size > Integer.MAX_VALUE - 16) {
      return null;
    }
    byte[] out = new byte[(int) size];
    return inflateInto(file, offset, length, out, 0, out.length) ? out : null;
  }

  /**
   * Inflates the raw deflate stream at {@code file[offset..offset+length)} into {@code
   * out[at..at+size)}; false unless it uses exactly those bytes and makes exactly {@code size}.
   */
  static boolean inflateInto(byte[] file, int offset, int length, byte[] out, int at, int size) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(file, offset, length);
      int produced = 0;
      while (!inflater.finished() && produced < size) {
        int n = inflater.inflate(out, at + produced, size - produced);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return false;
        }
        produced += n;
      }
      if (!inflater.finished()) {
        // A raw stream may need one more byte to see its end; give it a dummy one.
        if (inflater.needsInput()) {
          inflater.setInput(new byte[1]);
        }
        if (inflater.inflate(new byte[1]) != 0 || !inflater.finished()) {
          return false;
        }
      }
      return produced == size && inflater.getBytesRead() == length;
    } catch (DataFormatException e) {
      return false;
    } finally {
      inflater.end();
    }
  }

  /** The settings that deflate {@code inflated} into exactly {@code compressed}, or null. */
  Settings find(byte[] inflated, byte[] file, int offset, int length) {
    for (int strategy : STRATEGIES) {
      for (int level : LEVELS) {
        if (reproduces(inflated, file, offset, length, level, strategy)) {
          return new Settings(level, strategy);
        }
      }
    }
    return null;
  }

  private boolean reproduces(
      byte[] inflated, byte[] file, int offset, int length, int level, int strategy) {
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setStrategy(strategy);
      deflater.setInput(inflated);
      deflater.finish();
      int produced = 0;
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
        if (produced + n > length
            || Arrays.mismatch(buffer, 0, n, file, offset + produced, offset + produced + n) >= 0) {
          return false;
        }
        produced += n;
      }
      return produced == length;
    } finally {
      deflater.end();
    }
  }
}
