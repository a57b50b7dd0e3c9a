package dev.petrel.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * Turns the new archive's delta-friendly form, written to it in order, back into the archive: bytes
 * outside the deflate plan pass through; each planned entry's bytes are raw-deflated with the
 * plan's level and strategy. Deflating is most of the work of applying a zip patch, so entries of
 * up to {@value #PARALLEL_ENTRY} bytes are deflated on the other cores while the patch goes on, and
 * their output is written in order; at most {@value #MAX_PENDING} bytes wait for that. Larger
 * entries are deflated as a stream. {@link #close()} checks that the whole form was written, then
 * closes the sink.
 */
final class Recompressor extends OutputStream {
  static final int PARALLEL_ENTRY = 1 << 20;
  static final long MAX_PENDING = 4L << 20;

  private final List<PlanEntry> plan;
  private final long friendlySize;
  private final OutputStream sink;
  private final ExecutorService workers;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final byte[] buffer = new byte[64 * 1024];
  private long pendingBytes;
  private long position;
  private int next;
  private long entryEnd;
  private PlanEntry entry;
  private byte[] entryBytes;
  private Deflater deflater;

  /** Output waiting to be written in order: bytes, or a deflate running on a worker. */
  private record Pending(byte[] bytes, Future<byte[]> deflated, long accounted) {}

  Recompressor(List<PlanEntry> plan, long friendlySize, OutputStream sink) {
    this.plan = plan;
    this.friendlySize = friendlySize;
    this.sink = sink;
    int cores = Math.min(4, Runtime.getRuntime().availableProcessors());
    this.workers =
        cores < 2
            ? null
            : Executors.newFixedThreadPool(
                cores,
                runnable -> {
                  Thread thread = new Thread(runnable, "petrel-recompress");
                  thread.setDaemon(true);
                  return thread;
                });
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
      if (entryBytes != null) {
        n = (int) Math.min(len, entryEnd - position);
        System.arraycopy(b, off, entryBytes, (int) (position - entry.offset()), n);
        position += n;
        if (position == entryEnd) {
          submitEntry();
        }
      } else if (deflater != null) {
        n = (int) Math.min(len, entryEnd - position);
        deflater.setInput(b, off, n);
        while (!deflater.needsInput()) {
          drain();
        }
        position += n;
        if (position == entryEnd) {
          finishStreamedEntry();
        }
      } else {
        long boundary = next < plan.size() ? plan.get(next).offset() : friendlySize;
        n = (int) Math.min(len, boundary - position);
        if (n <= 0) {
          throw new PatchException(
              PatchException.Reason.CORRUPT, "the patch writes past the new file's end");
        }
        emit(b, off, n);
        position += n;
      }
      off += n;
      len -= n;
    }
  }

  /** Starts the entry that begins here; an empty one is finished at once. */
  private void startEntries() throws IOException {
    while (entryBytes == null
        && deflater == null
        && next < plan.size()
        && plan.get(next).offset() == position) {
      entry = plan.get(next++);
      entryEnd = position + entry.inflatedLength();
      if (workers != null && entry.inflatedLength() <= PARALLEL_ENTRY) {
        entryBytes = new byte[(int) entry.inflatedLength()];
        if (entry.inflatedLength() == 0) {
          submitEntry();
        }
      } else {
        writeAllPending();
        deflater = newDeflater(entry);
        if (entry.inflatedLength() == 0) {
          finishStreamedEntry();
        }
      }
    }
  }

  private void submitEntry() throws IOException {
    byte[] bytes = entryBytes;
    PlanEntry planned = entry;
    entryBytes = null;
    Future<byte[]> deflated = workers.submit(() -> deflate(bytes, planned));
    enqueue(new Pending(null, deflated, bytes.length));
  }

  private static byte[] deflate(byte[] bytes, PlanEntry planned) {
    Deflater whole = newDeflater(planned);
    try {
      whole.setInput(bytes);
      whole.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
      byte[] chunk = new byte[16 * 1024];
      while (!whole.finished()) {
        int n = whole.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } finally {
      whole.end();
    }
  }

  private static Deflater newDeflater(PlanEntry planned) {
    Deflater created = new Deflater(planned.level(), true);
    created.setStrategy(planned.strategy());
    return created;
  }

  private void finishStreamedEntry() throws IOException {
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

  /** Passes bytes through: straight to the sink when nothing waits before them. */
  private void emit(byte[] b, int off, int len) throws IOException {
    if (queue.isEmpty()) {
      sink.write(b, off, len);
    } else {
      byte[] copy = new byte[len];
      System.arraycopy(b, off, copy, 0, len);
      enqueue(new Pending(copy, null, len));
    }
  }

  private void enqueue(Pending pending) throws IOException {
    queue.addLast(pending);
    pendingBytes += pending.accounted();
    while (pendingBytes > MAX_PENDING) {
      writeHead();
    }
  }

  private void writeAllPending() throws IOException {
    while (!queue.isEmpty()) {
      writeHead();
    }
  }

  private void writeHead() throws IOException {
    Pending head = queue.removeFirst();
    pendingBytes -= head.accounted();
    if (head.bytes() != null) {
      sink.write(head.bytes());
      return;
    }
    try {
      sink.write(head.deflated().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while re-deflating");
    } catch (ExecutionException e) {
      throw new IOException("re-deflating an entry failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      startEntries();
      if (position != friendlySize
          || entryBytes != null
          || deflater != null
          || next != plan.size()) {
        throw new PatchException(
            PatchException.Reason.CORRUPT, "the patch ends before the new archive is complete");
      }
      writeAllPending();
      sink.close();
    } finally {
      if (deflater != null) {
        deflater.end();
        deflater = null;
      }
      if (workers != null) {
        workers.shutdownNow();
      }
    }
  }
}
