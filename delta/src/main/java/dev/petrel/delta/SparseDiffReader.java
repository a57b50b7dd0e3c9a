package dev.petrel.delta;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the diff bytes of a patch back from its two streams: the lengths of the zero runs (varints)
 * and the non-zero bytes between them. The diff is {@code run0 value0 run1 value1 … runN}: a run
 * after every value, and one at the end. Most diff bytes are zero (matched regions that did not
 * change), so the two streams compress far better than the bytes themselves.
 */
final class SparseDiffReader extends InputStream {
  private final InputStream runs;
  private final InputStream values;
  private boolean started;
  private long zeros;

  SparseDiffReader(InputStream runs, InputStream values) {
    this.runs = runs;
    this.values = values;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (!started) {
      started = true;
      zeros = readRun(true);
      if (zeros < 0) {
        return -1;
      }
    }
    int done = 0;
    while (done < len) {
      if (zeros > 0) {
        int n = (int) Math.min(len - done, zeros);
        java.util.Arrays.fill(b, off + done, off + done + n, (byte) 0);
        zeros -= n;
        done += n;
        continue;
      }
      int value = values.read();
      if (value < 0) {
        if (runs.read() >= 0) {
          throw new PatchException(
              PatchException.Reason.CORRUPT, "the diff's streams do not match each other");
        }
        return done == 0 ? -1 : done;
      }
      b[off + done++] = (byte) value;
      zeros = readRun(false);
    }
    return done;
  }

  /** The next run's length; -1 at the very start of an empty diff. */
  private long readRun(boolean mayEnd) throws IOException {
    try {
      return Varints.read(runs, mayEnd);
    } catch (java.io.EOFException e) {
      throw new PatchException(
          PatchException.Reason.CORRUPT, "the diff's run stream ends too early", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      runs.close();
    } finally {
      values.close();
    }
  }
}
