package dev.petrel.client.internal;

import dev.petrel.client.Cancellation;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Downloads one artifact to {@code downloads/<sha256>.part}, resumably, then proves it and renames
 * it to {@code downloads/<sha256>}. Memory stays constant (one 64 KiB buffer) whatever the size.
 *
 * <p>Resuming: the part file's validator (a strong {@code ETag}, else {@code Last-Modified}) is
 * kept in {@code <sha256>.part.validator}; a resume sends {@code Range} with {@code If-Range}, so a
 * server whose file changed answers 200 and the download starts over. A part without a validator is
 * never resumed, and a 206 whose range or validator disagrees is discarded: bytes of two different
 * files are never stitched. Whatever the path, the finished file must have exactly the statement's
 * size and SHA-256, or it is deleted and the download refused.
 */
public final class Downloader {
  static final int BUFFER = 64 * 1024;
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final Http http;
  private final Duration maxRetryAfter;
  private final int attempts;

  /** Hears the download; see {@code UpdateListener} for the meaning. */
  public interface Progress {
    void started(long resumedFrom, long total);

    void progress(long done, long total);
  }

  public Downloader(Http http, Duration maxRetryAfter, int attempts) {
    this.http = http;
    this.maxRetryAfter = maxRetryAfter;
    this.attempts = attempts;
  }

  /**
   * Downloads and proves the artifact.
   *
   * @return {@code dir/<sha256>}, complete and proven
   * @throws UpdateException {@code CANCELLED}, {@code NETWORK} or {@code SERVER} keeping the part
   *     file for a resume; {@code VERIFICATION} after deleting bytes proven wrong
   */
  public Path download(
      URI url, Sha256 sha256, long size, Path dir, Progress progress, Cancellation cancellation)
      throws UpdateException {
    PartFile part = new PartFile(dir, sha256);
    try {
      if (Files.exists(part.complete()) && Proof.matches(part.complete(), sha256, size)) {
        progress.started(size, size);
        progress.progress(size, size);
        return part.complete();
      }
      Files.deleteIfExists(part.complete());
      long have = part.resumableLength(size);
      progress.started(have, size);
      fetchWithRetries(url, part, size, progress, cancellation);
      return part.prove(sha256, size, url);
    } catch (IOException e) {
      throw new UpdateException(
          Reason.STATE, dir + ": cannot write the download: " + ServerSource.describe(e), e);
    }
  }

  private void fetchWithRetries(
      URI url, PartFile part, long size, Progress progress, Cancellation cancellation)
      throws UpdateException, IOException {
    for (int attempt = 1; ; attempt++) {
      if (cancellation.cancelled()) {
        throw cancelled(url);
      }
      try {
        Fetch fetch = new Fetch(http, url, part, size, progress, cancellation);
        fetch.run();
        return;
      } catch (Retry retry) {
        if (attempt >= attempts) {
          throw retry.failure;
        }
        Duration wait = retry.delay != null ? retry.delay : Duration.ofMillis(250L * attempt);
        if (wait.compareTo(maxRetryAfter) > 0) {
          throw new UpdateException(
              retry.failure.reason(),
              retry.failure.getMessage()
                  + "; the server asks to retry after "
                  + wait.getSeconds()
                  + " s, more than the "
                  + maxRetryAfter.getSeconds()
                  + " s this client waits",
              retry.failure);
        }
        sleep(wait, cancellation, url);
      }
    }
  }

  private static void sleep(Duration wait, Cancellation cancellation, URI url)
      throws UpdateException {
    long end = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < end) {
        if (cancellation.cancelled()) {
          throw cancelled(url);
        }
        Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cancelled(url);
    }
  }

  static UpdateException cancelled(URI url) {
    return new UpdateException(
        Reason.CANCELLED, url + ": download cancelled; the partial file is kept for a resume");
  }

  /** A failed attempt worth another: a broken connection, a timeout, 429 or 503. */
  static final class Retry extends Exception {
    private static final long serialVersionUID = 1L;
    final transient UpdateException failure;
    final transient Duration delay;

    Retry(UpdateException failure, Duration delay) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
      this.delay = delay;
    }
  }

  /** One HTTP request of a download. */
  private static final class Fetch {
    private final Http http;
    private final URI url;
    private final PartFile part;
    private final long size;
    private final Progress progress;
    private final Cancellation cancellation;

    Fetch(
        Http http,
        URI url,
        PartFile part,
        long size,
        Progress progress,
        Cancellation cancellation) {
      this.http = http;
      this.url = url;
      this.part = part;
      this.size = size;
      this.progress = progress;
      this.cancellation = cancellation;
    }

    void run() throws Retry, UpdateException, IOException {
      long have = part.resumableLength(size);
      if (have == size) {
        return;
      }
      HttpURLConnection connection;
      int status;
      try {
        connection = http.open(url, "GET");
        connection.setRequestProperty("Accept-Encoding", "identity");
        if (have > 0) {
          connection.setRequestProperty("Range", "bytes=" + have + "-");
          connection.setRequestProperty("If-Range", part.validator());
        }
        status = connection.getResponseCode();
      } catch (IOException e) {
        throw new Retry(network(e), null);
      }
      try {
        long from = Ranges.startOf(connection, status, have, size, part, url);
        receive(connection, from);
      } finally {
        connection.disconnect();
      }
    }

    private void receive(HttpURLConnection connection, long from)
        throws Retry, UpdateException, IOException {
      if (from == 0) {
        part.startOver(Validators.of(connection));
      }
      byte[] buffer = new byte[BUFFER];
      long done = from;
      long lastReport = System.nanoTime();
      boolean tooLong = false;
      InputStream body;
      try {
        body = connection.getInputStream();
      } catch (IOException e) {
        throw new Retry(network(e), null);
      }
      // Read failures are the network's (retried); write failures are the disk's (STATE).
      try (InputStream in = body;
          FileChannel out =
              FileChannel.open(part.part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        out.position(from);
        while (true) {
          if (cancellation.cancelled()) {
            out.force(false);
            throw cancelled(url);
          }
          int n;
          try {
            n = in.read(buffer, 0, (int) Math.min(buffer.length, size - done + 1));
          } catch (IOException e) {
            out.force(false);
            throw new Retry(network(e), null);
          }
          if (n == -1) {
            break;
          }
          if (done + n > size) {
            tooLong = true;
            break;
          }
          ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
          while (chunk.hasRemaining()) {
            out.write(chunk);
          }
          done += n;
          if (System.nanoTime() - lastReport >= PROGRESS_INTERVAL_NANOS || done == size) {
            lastReport = System.nanoTime();
            progress.progress(done, size);
          }
        }
        out.force(false);
      }
      if (tooLong) {
        throw part.proveWrong(url + ": the server sent more than the declared " + size + " bytes");
      }
      if (done < size) {
        throw new Retry(
            new UpdateException(
                Reason.NETWORK,
                url + ": the connection ended after " + done + " of " + size + " bytes"),
            null);
      }
    }

    private UpdateException network(IOException e) {
      return new UpdateException(Reason.NETWORK, url + ": " + ServerSource.describe(e), e);
    }
  }
}
