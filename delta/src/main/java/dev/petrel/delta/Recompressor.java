package dev.petrel.delta;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Turns the new archive's delta-friendly form, written to it in order, back into the archive: bytes
 * outside the deflate plan pass through; each planned entry's bytes are raw-deflated with the
 * plan's level and strategy. {@link #close()} checks that the whole form was written, then closes
 * the sink.
 */
final class Recompressor extends OutputStream {
  private final List<PlanEntry> plan;
  private final long friendlySize;
  private final OutputStream sink;
  private final byte[] buffer = new byte[64 * 1024];
  private long position;
  private int next;
  private Deflater deflater;
  private long entryEnd;

  Recompressor(List<PlanEntry> plan, long friendlySize, OutputStream sink) {
    this.plan = plan;
    this.friendlySize = friendlySize;
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      startEntries();
      int n;
      if (deflater != null) {
        n = (int) Math.min(len, entryEnd - position);
        deflater.setInput(b, off, n);
        while (!deflater.needsInput()) {
          drain();
        }
        position += n;
        if (position == entryEnd) {
          finishEntry();
        }
      } else {
        long boundary = next < plan.size() ? plan.get(next).offset() : friendlySize;
        n = (int) Math.min(len, boundary - position);
        if (n <= 0) {
          throw new PatchException(
              PatchException.Reason.CORRUPT, "the patch writes past the new file's end");
        }
        sink.write(b, off, n);
        position += n;
      }
      off += n;
      len -= n;
    }
  }

  /** Starts the entry that begins here; an empty entry is deflated and finished at once. */
  private void startEntries() throws IOException {
    while (deflater == null && next < plan.size() && plan.get(next).offset() == position) {
      PlanEntry entry = plan.get(next++);
      deflater = new Deflater(entry.level(), true);
      deflater.setStrategy(entry.strategy());
      entryEnd = position + entry.inflatedLength();
      if (entry.inflatedLength() == 0) {
        finishEntry();
      }
    }
  }

  private void finishEntry() throws IOException {
    deflater.finish();
    while (!deflater.finished()) {
      drain();
    }
    deflater.end();
    deflater = null;
  }

  private void drain() throws IOException {
    int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
    if (n > 0) {
      sink.write(buffer, 0, n);
    }
  }

  @Override
  public void close() throws IOException {
    startEntries();
    if (position != friendlySize || deflater != null || next != plan.size()) {
      if (deflater != null) {
        deflater.end();
      }
      throw new PatchException(
          PatchException.Reason.CORRUPT, "the patch ends before the new archive is complete");
    }
    sink.close();
  }
}
