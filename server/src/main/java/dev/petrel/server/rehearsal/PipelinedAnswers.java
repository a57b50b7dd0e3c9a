package dev.petrel.server.rehearsal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;

/**
 * Reads the answers to pipelined requests off an in-process connection, one at a time: the status
 * line, the head, and as many body bytes as {@code Content-Length} says. Every answer the rehearsal
 * asks for has one; an answer without it (chunked) cannot be told from the next and is refused.
 */
final class PipelinedAnswers {
  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
  private final LocalConnector.LocalEndPoint endpoint;
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;

  PipelinedAnswers(LocalConnector.LocalEndPoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The status of the next answer.
   *
   * @throws IOException when none arrives within {@code timeoutSeconds} or it cannot be read
   */
  int nextStatus(long timeoutSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      int headEnd = indexOf(HEAD_END);
      if (headEnd >= 0) {
        String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        long length = contentLength(head);
        if (end - headEnd - 4 >= length) {
          start = headEnd + 4 + (int) length;
          return Integer.parseInt(head.substring(9, 12));
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IOException("no answer within " + timeoutSeconds + " s");
      }
      append(endpoint.waitForOutput(left, TimeUnit.NANOSECONDS));
    }
  }

  private static long contentLength(String head) throws IOException {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    throw new IOException(
        "an answer without Content-Length: " + head.lines().findFirst().orElse(""));
  }

  private int indexOf(byte[] pattern) {
    outer:
    for (int i = start; i <= end - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (buffer[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void append(ByteBuffer output) {
    if (output == null || !output.hasRemaining()) {
      return;
    }
    int n = output.remaining();
    if (end + n > buffer.length) {
      int kept = end - start;
      byte[] grown =
          kept + n > buffer.length ? new byte[Math.max(buffer.length * 2, kept + n)] : buffer;
      System.arraycopy(buffer, start, grown, 0, kept);
      buffer = grown;
      start = 0;
      end = kept;
    }
    output.get(buffer, end, n);
    end += n;
  }
}
