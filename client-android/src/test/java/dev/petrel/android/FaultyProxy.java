package dev.petrel.android;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP relay on loopback in front of the test server, one request per connection: it can cut the
 * next answer after some body bytes (a dropped connection) or flip one body byte of every answer (a
 * corrupting network). Records each request's head.
 */
final class FaultyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private volatile long cutAfter = -1;
  private volatile long flipAt = -1;

  FaultyProxy(URI upstream) {
    upstreamPort = upstream.getPort();
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "faulty-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's URL for {@code path}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** The next answer is cut after {@code bodyBytes} bytes of its body. */
  void cutNextAfter(long bodyBytes) {
    cutAfter = bodyBytes;
  }

  /** Every answer has the body byte at {@code offset} inverted. */
  void flipByteAt(long offset) {
    flipAt = offset;
  }

  List<String> heads() {
    return List.copyOf(heads);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try (Socket client = listener.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
        relay(client, upstream);
      } catch (IOException e) {
        // A cut or closed connection: wait for the next one.
      }
    }
  }

  private void relay(Socket client, Socket upstream) throws IOException {
    String head = readHead(client.getInputStream());
    heads.add(head);
    String forwarded =
        head.replaceAll("(?im)^connection:.*\\r\\n", "")
            .replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
    upstream.getOutputStream().write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
    upstream.getOutputStream().flush();
    InputStream answer = upstream.getInputStream();
    OutputStream out = client.getOutputStream();
    out.write(readHead(answer).getBytes(StandardCharsets.ISO_8859_1));
    long cut = cutAfter;
    cutAfter = -1;
    long flip = flipAt;
    long sent = 0;
    for (int b; (b = answer.read()) != -1; sent++) {
      if (sent == cut) {
        out.flush();
        client.setSoLinger(true, 0);
        return;
      }
      out.write(sent == flip ? b ^ 0xff : b);
    }
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; matched < 4 && (b = in.read()) != -1; ) {
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
