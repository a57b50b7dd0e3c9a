package dev.petrel.delta;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Applies the diff part of a patch as a stream: control triples (add, copy, seek) say how many
 * bytes to make by adding diff bytes to the old file's bytes at the old position, how many to copy
 * from the extra stream, and how far to move the old position. The old side is read by random
 * access; the new side is written in order. Every triple is checked against the sizes first.
 */
final class BsPatch {
  private static final int CHUNK = 64 * 1024;

  private final RandomReader old;
  private final long targetSize;
  private final PatchApplier.Progress progress;
  private final byte[] diffBytes = new byte[CHUNK];
  private final byte[] oldBytes = new byte[CHUNK];

  BsPatch(RandomReader old, long targetSize, PatchApplier.Progress progress) {
    this.old = old;
    this.targetSize = targetSize;
    this.progress = progress;
  }

  /** Writes exactly {@code targetSize} bytes to {@code out}. */
  void apply(DataInputStream control, InputStream diff, InputStream extra, OutputStream out)
      throws IOException {
    long newPos = 0;
    long oldPos = 0;
    while (newPos < targetSize) {
      long add = readControl(control);
      long copy = readControl(control);
      long seek = readControl(control);
      if (add < 0 || copy < 0 || add > targetSize - newPos || copy > targetSize - newPos - add) {
        throw corrupt("a control block writes past the end of the new file");
      }
      if (oldPos < 0 || add > old.size() - oldPos) {
        throw corrupt("a control block points outside the old file");
      }
      addDiff(diff, oldPos, add, out);
      copyExtra(extra, copy, out);
      newPos += add + copy;
      oldPos += add + seek;
      progress.applied(newPos, targetSize);
    }
    if (!exhausted(control) || !exhausted(diff) || !exhausted(extra)) {
      throw corrupt("the patch has bytes left over after the new file is complete");
    }
  }

  private void addDiff(InputStream diff, long oldPos, long length, OutputStream out)
      throws IOException {
    while (length > 0) {
      int n = (int) Math.min(CHUNK, length);
      readPatch(diff, diffBytes, n);
      old.read(oldPos, oldBytes, 0, n);
      for (int i = 0; i < n; i++) {
        diffBytes[i] += oldBytes[i];
      }
      out.write(diffBytes, 0, n);
      oldPos += n;
      length -= n;
    }
  }

  private void copyExtra(InputStream extra, long length, OutputStream out) throws IOException {
    while (length > 0) {
      int n = (int) Math.min(CHUNK, length);
      readPatch(extra, diffBytes, n);
      out.write(diffBytes, 0, n);
      length -= n;
    }
  }

  private static long readControl(DataInputStream control) throws IOException {
    try {
      return control.readLong();
    } catch (EOFException e) {
      throw corrupt("the control stream ends before the new file is complete");
    } catch (IOException e) {
      throw new PatchException(
          PatchException.Reason.CORRUPT, "the control stream is corrupt: " + e.getMessage(), e);
    }
  }

  private static void readPatch(InputStream in, byte[] into, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n;
      try {
        n = in.read(into, done, length - done);
      } catch (IOException e) {
        throw new PatchException(
            PatchException.Reason.CORRUPT, "a patch stream is corrupt: " + e.getMessage(), e);
      }
      if (n < 0) {
        throw corrupt("a patch stream ends before the new file is complete");
      }
      done += n;
    }
  }

  private static boolean exhausted(InputStream in) throws PatchException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      throw new PatchException(
          PatchException.Reason.CORRUPT, "a patch stream is corrupt: " + e.getMessage(), e);
    }
  }

  private static PatchException corrupt(String message) {
    return new PatchException(PatchException.Reason.CORRUPT, message);
  }
}
