package dev.petrel.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A raw-socket HTTP proxy in front of a real server: one request per connection, forwarded with
 * {@code Connection: close}; the answer is relayed byte for byte, except that a queued cut drops
 * the connection after that many bytes of the answer's body. Records each request's head.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final URI upstream;
  private final ConcurrentLinkedDeque<Long> cuts = new ConcurrentLinkedDeque<>();
  private final List<String> heads = new ArrayList<>();
  private final Thread acceptor;

  private CuttingProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "cutting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy to {@code upstream} (scheme, host and port are used). */
  public static CuttingProxy to(URI upstream) {
    try {
      return new CuttingProxy(upstream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The proxy's URL for {@code path}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** The next connection's answer is cut after {@code bodyBytes} bytes of body. */
  public void cutNextAfter(long bodyBytes) {
    cuts.add(bodyBytes);
  }

  /** The request heads seen, in order. */
  public synchronized List<String> heads() {
    return List.copyOf(heads);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Long cut = cuts.poll();
        Thread worker = new Thread(() -> relay(client, cut), "cutting-proxy-relay");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket client, Long cut) {
    try (client;
        Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
      String head = readHead(client.getInputStream());
      synchronized (this) {
        heads.add(head);
      }
      StringBuilder forwarded = new StringBuilder();
      for (String line : head.split("\r\n")) {
        if (!line.toLowerCase(java.util.Locale.ROOT).startsWith("connection:")) {
          forwarded.append(line).append("\r\n");
        }
      }
      forwarded.append("Connection: close\r\n\r\n");
      server.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
      server.getOutputStream().flush();
      copyAnswer(server.getInputStream(), client.getOutputStream(), cut);
    } catch (IOException e) {
      // The client or server went away; nothing to relay.
    }
  }

  private static void copyAnswer(InputStream from, OutputStream to, Long cut) throws IOException {
    String head = readHead(from);
    to.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    byte[] buffer = new byte[8192];
    long sent = 0;
    int n;
    while ((n = from.read(buffer)) != -1) {
      int allowed = cut == null ? n : (int) Math.min(n, cut - sent);
      to.write(buffer, 0, allowed);
      sent += allowed;
      if (cut != null && sent >= cut) {
        to.flush();
        return;
      }
    }
    to.flush();
  }

  /** Reads up to and without the blank line that ends an HTTP head. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("connection closed inside the head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    byte[] bytes = head.toByteArray();
    return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
