package dev.petrel.server.artifacts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Artifact files mapped into memory, so that downloads are written to the socket straight from the
 * page cache instead of being copied through the heap.
 *
 * <p>Jetty 12 has no {@code sendfile}: its own static file serving writes file-mapped buffers
 * ({@code FileMappingHttpContentFactory}), and so does this. A slice of a mapping is handed to
 * Jetty's servlet output ({@link HttpOutput#write(ByteBuffer)}), which passes a buffer larger than
 * its own straight to the socket: the kernel copies from the page cache into the socket, once. The
 * copy through a {@code byte[]} that this replaces cost three more copies per byte (file into a
 * direct buffer, into the array, into another direct buffer) and twice the CPU per byte sent
 * (docs/BENCHMARKS.md, "Downloads vs nginx").
 *
 * <p>Mappings are shared: each file is mapped once, in windows of at most {@link #WINDOW} bytes,
 * and every download of it writes its own slices of them. A mapping is only undone when its buffer
 * is garbage-collected, so mapping per download would pile up mappings, page tables and a resident
 * size counting each download's pages again (40 downloads of 200 MiB showed 8 GiB resident) until
 * the next collection; shared mappings count the file's pages once. At most {@code maxWindows}
 * windows are kept, the least recently used dropped first (and unmapped by the collector later).
 *
 * <p>A file must not change or shrink while mapped (reading a truncated mapping faults): the
 * store's files are content-addressed and renamed into place complete, so they never change.
 * Thread-safe.
 */
final class MappedFiles {
  /** The largest window mapped at once (a mapping holds at most 2 GiB - 1 bytes). */
  static final long WINDOW = 1L << 30;

  /** Windows kept by default: more than the artifacts a server offers at any one time. */
  static final int MAX_WINDOWS = 64;

  private record Key(Path file, long index) {}

  private final long window;
  private final int maxWindows;
  private final Map<Key, MappedByteBuffer> windows;
  private final AtomicLong mappings = new AtomicLong();

  MappedFiles() {
    this(WINDOW, MAX_WINDOWS);
  }

  /**
   * @param window the most bytes mapped at once
   * @param maxWindows the most windows kept mapped
   */
  MappedFiles(long window, int maxWindows) {
    if (window < 1 || window > Integer.MAX_VALUE || maxWindows < 1) {
      throw new IllegalArgumentException(
          "window and maxWindows: expected 1 to 2^31-1 and 1 or more, found "
              + window
              + " and "
              + maxWindows);
    }
    this.window = window;
    this.maxWindows = maxWindows;
    this.windows =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, MappedByteBuffer> eldest) {
            return size() > MappedFiles.this.maxWindows;
          }
        };
  }

  /**
   * The buffers that hold {@code length} bytes of {@code file} from {@code start}, in order, each
   * positioned for writing. Maps what is not mapped yet, so the failures (no such file, a file
   * shorter than asked) come before anything is sent.
   *
   * @throws java.nio.file.NoSuchFileException when the file is missing
   * @throws IOException when the file does not hold the bytes or cannot be mapped
   */
  List<ByteBuffer> slices(Path file, long start, long length) throws IOException {
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException(
          "start and length: expected 0 or more, found " + start + " and " + length);
    }
    List<ByteBuffer> slices = new ArrayList<>();
    for (long position = start, end = start + length; position < end; ) {
      long index = position / window;
      MappedByteBuffer mapped = window(file, index);
      int offset = (int) (position - index * window);
      int count = (int) Math.min(end - position, mapped.capacity() - offset);
      if (count <= 0) {
        throw new IOException("the artifact file " + file + " holds fewer than " + end + " bytes");
      }
      slices.add(mapped.slice(offset, count));
      position += count;
    }
    return slices;
  }

  private MappedByteBuffer window(Path file, long index) throws IOException {
    Key key = new Key(file, index);
    synchronized (windows) {
      MappedByteBuffer mapped = windows.get(key);
      if (mapped != null) {
        return mapped;
      }
    }
    // Mapped outside the lock: two downloads may map the same window at once, and one mapping
    // then wins the cache; the other is unmapped by the collector.
    MappedByteBuffer mapped;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long from = index * window;
      long size = Math.min(window, channel.size() - from);
      if (size <= 0) {
        throw new IOException(
            "the artifact file " + file + " holds " + channel.size() + " bytes, fewer than asked");
      }
      mapped = channel.map(FileChannel.MapMode.READ_ONLY, from, size);
    }
    mappings.incrementAndGet();
    synchronized (windows) {
      MappedByteBuffer earlier = windows.putIfAbsent(key, mapped);
      return earlier != null ? earlier : mapped;
    }
  }

  /** How many windows were mapped so far. */
  long mappings() {
    return mappings.get();
  }

  /** How many windows are kept mapped now. */
  int windowsKept() {
    synchronized (windows) {
      return windows.size();
    }
  }

  /**
   * Writes {@code slices} to {@code out}, blocking until written: without a copy to Jetty's own
   * output, through a buffer to any other (none in the server today, but the body stays right
   * whatever the container).
   *
   * @throws IOException when the client goes away
   */
  static void write(List<ByteBuffer> slices, OutputStream out) throws IOException {
    if (out instanceof HttpOutput jetty) {
      for (ByteBuffer slice : slices) {
        jetty.write(slice);
      }
      return;
    }
    WritableByteChannel channel = Channels.newChannel(out);
    for (ByteBuffer slice : slices) {
      while (slice.hasRemaining()) {
        channel.write(slice);
      }
    }
  }
}
