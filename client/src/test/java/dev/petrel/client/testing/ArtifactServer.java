package dev.petrel.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-test HTTP server on port 0 that serves one artifact at {@code /artifact} the way a good
 * server does (ETag, Range, If-Range) unless told to misbehave: faults queued with {@link #fault}
 * apply to one request each, in order. Other paths serve fixed documents ({@link #document}). Every
 * artifact request is recorded.
 */
public final class ArtifactServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer http;
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private volatile Content content;
  private volatile String etag = "\"v1\"";
  private volatile boolean honourRange = true;
  private volatile int extraBytes;
  private volatile boolean chunked;

  /** What one artifact request asked for. */
  public record Request(String range, String ifRange, int status) {}

  /** A misbehaviour for one request. */
  public sealed interface Fault {}

  /** Answer {@code status} with an optional {@code Retry-After} and no body. */
  public record Status(int status, String retryAfter) implements Fault {}

  /** Send the body up to artifact offset {@code at}, then drop the connection. */
  public record CutAt(long at) implements Fault {}

  /** Send the body up to offset {@code at}, then go silent for {@code pause} and drop it. */
  public record StallAt(long at, Duration pause) implements Fault {}

  private ArtifactServer(Content content) throws IOException {
    this.content = content;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts serving {@code bytes}. */
  public static ArtifactServer serving(byte[] bytes) {
    return serving(Content.of(bytes));
  }

  /** Starts serving {@code content}. */
  public static ArtifactServer serving(Content content) {
    try {
      return new ArtifactServer(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI artifactUri() {
    return uri("/artifact");
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
  }

  public void fault(Fault fault) {
    faults.add(fault);
  }

  /** Serves other bytes from now on, under ETag {@code newEtag} (null: no ETag). */
  public void change(Content newContent, String newEtag) {
    this.content = newContent;
    this.etag = newEtag;
  }

  /** Makes the server answer 200 with the whole file to every Range request. */
  public void ignoreRange() {
    this.honourRange = false;
  }

  /** Appends {@code extra} bytes beyond the artifact to every body (and its Content-Length). */
  public void appendExtraBytes(int extra) {
    this.extraBytes = extra;
  }

  /** Sends bodies chunked, without Content-Length. */
  public void chunked() {
    this.chunked = true;
  }

  public void document(String path, byte[] bytes) {
    documents.put(path, bytes);
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] document = documents.get(path);
      if (document != null) {
        exchange.sendResponseHeaders(200, document.length);
        exchange.getResponseBody().write(document);
        return;
      }
      if (!"/artifact".equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      serveArtifact(exchange);
    }
  }

  private void serveArtifact(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    Fault fault = faults.poll();
    if (fault instanceof Status status) {
      record(range, ifRange, status.status());
      if (status.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", status.retryAfter());
      }
      exchange.sendResponseHeaders(status.status(), -1);
      return;
    }
    Content current = content;
    long length = current.length();
    long start = 0;
    Matcher matcher = range == null ? null : RANGE.matcher(range);
    boolean partial =
        honourRange
            && matcher != null
            && matcher.matches()
            && (ifRange == null || ifRange.equals(etag))
            && Long.parseLong(matcher.group(1)) < length;
    if (partial) {
      start = Long.parseLong(matcher.group(1));
      exchange
          .getResponseHeaders()
          .add("Content-Range", "bytes " + start + "-" + (length - 1) + "/" + length);
    }
    if (etag != null) {
      exchange.getResponseHeaders().add("ETag", etag);
    }
    int status = partial ? 206 : 200;
    record(range, ifRange, status);
    exchange.sendResponseHeaders(status, chunked ? 0 : length - start + extraBytes);
    OutputStream body = exchange.getResponseBody();
    long end = length;
    if (fault instanceof CutAt cut) {
      end = Math.max(start, Math.min(length, cut.at()));
    } else if (fault instanceof StallAt stall) {
      end = Math.max(start, Math.min(length, stall.at()));
    }
    current.write(body, start, end);
    body.flush();
    if (fault instanceof StallAt stall) {
      sleep(stall.pause());
    }
    if (fault != null) {
      throw new IOException("fault injected: connection dropped at " + end);
    }
    if (extraBytes > 0) {
      body.write(new byte[extraBytes]);
    }
  }

  private synchronized void record(String range, String ifRange, int status) {
    requests.add(new Request(range, ifRange, status));
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }

  /** The bytes an artifact server sends, possibly generated rather than held. */
  public interface Content {
    long length();

    /** Writes bytes {@code [from, to)}. */
    void write(OutputStream out, long from, long to) throws IOException;

    static Content of(byte[] bytes) {
      return new Content() {
        @Override
        public long length() {
          return bytes.length;
        }

        @Override
        public void write(OutputStream out, long from, long to) throws IOException {
          out.write(bytes, (int) from, (int) (to - from));
        }
      };
    }
  }
}
