package dev.petrel.server.artifacts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Sends a slice of a local file as a response body without copying it through the heap.
 *
 * <p>Jetty 12 has no {@code sendfile}: its own static file serving writes file-mapped buffers
 * ({@code FileMappingHttpContentFactory}), and so does this. The slice is mapped read-only and
 * handed to Jetty's servlet output ({@link HttpOutput#write(ByteBuffer)}), which passes a buffer
 * larger than its own straight to the socket: the kernel copies from the page cache into the
 * socket, once. The copy through a {@code byte[]} that this replaces cost three more (file into a
 * direct buffer, into the array, into another direct buffer) and held a single stream to about two
 * thirds of nginx's {@code sendfile} (docs/BENCHMARKS.md, "Downloads vs nginx").
 *
 * <p>The file must not shrink while mapped (reading a truncated mapping faults): the store's files
 * are content-addressed and renamed into place complete, so they never change. A mapping lives
 * until its buffer is garbage-collected, not until the channel closes; each download maps at most
 * one window per {@link #WINDOW} bytes, so mappings stay few.
 *
 * <p>An output stream that is not Jetty's (none in the server today) gets the bytes copied through
 * a buffer, so the body is right whatever the container.
 */
final class FileBody {
  /** The largest slice mapped at once (a mapping holds at most 2 GiB - 1 bytes). */
  static final long WINDOW = 1L << 30;

  private static final int COPY_BUFFER = 64 * 1024;

  private FileBody() {}

  /**
   * Fails unless {@code file} holds the bytes to send: a mapping beyond its end would fault when
   * read. Called before the answer starts, so that a damaged store is an error, not a short body.
   */
  static void checkHolds(FileChannel file, long start, long length) throws IOException {
    if (file.size() < start + length) {
      throw new IOException(
          "the artifact file holds "
              + file.size()
              + " bytes, expected "
              + (start + length)
              + " or more");
    }
  }

  /**
   * Writes {@code length} bytes of {@code file} from {@code start} to {@code out}, blocking until
   * they are written. The file holds them ({@link #checkHolds}).
   *
   * @throws IOException when reading fails or the client goes away
   */
  static void send(FileChannel file, long start, long length, OutputStream out) throws IOException {
    send(file, start, length, out, WINDOW);
  }

  /** As {@link #send(FileChannel, long, long, OutputStream)}, mapping at most {@code window}. */
  static void send(FileChannel file, long start, long length, OutputStream out, long window)
      throws IOException {
    if (out instanceof HttpOutput jetty) {
      for (long sent = 0; sent < length; ) {
        long mapped = Math.min(window, length - sent);
        jetty.write(file.map(FileChannel.MapMode.READ_ONLY, start + sent, mapped));
        sent += mapped;
      }
      return;
    }
    copy(file, start, length, out);
  }

  private static void copy(FileChannel file, long start, long length, OutputStream out)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, Math.max(length, 1)));
    for (long position = start, end = start + length; position < end; ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int read = file.read(buffer, position);
      if (read < 0) {
        throw new IOException(
            "the file ended at byte " + position + ", expected " + end + " bytes or more");
      }
      out.write(buffer.array(), 0, read);
      position += read;
    }
  }
}
