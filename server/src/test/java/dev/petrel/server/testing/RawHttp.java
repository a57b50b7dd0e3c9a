package dev.petrel.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a bare socket, for what {@link java.net.http.HttpClient} will not do reliably:
 * declare a Content-Length it does not send, hang up in the middle of a body, or read an answer the
 * server sends before it has read the body (the JDK client may then see a reset connection instead
 * of the answer).
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;

  /** Connects to the server on the loopback {@code port}; reads time out after 15 s. */
  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
  }

  /**
   * Sends {@code head} and then {@code body}, and reads the whole answer until the server closes. A
   * failure while sending the body is tolerated: a server may answer and close before it reads what
   * it refuses. Send {@code Connection: close} in the head so the server ends the answer.
   */
  public static String exchange(int port, String head, byte[] body) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.write(head.getBytes(StandardCharsets.US_ASCII));
      http.bodyIfStillOpen(body);
      return http.answer();
    }
  }

  /** Sends a request head; {@code lines} are joined with CRLF and end with an empty line. */
  public void head(String... lines) throws IOException {
    write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Sends body bytes; fails if the server has closed the connection. */
  public void body(byte[] bytes) throws IOException {
    write(bytes);
  }

  /**
   * Sends body bytes, or as many as the server takes before it closes the connection.
   *
   * @return whether all bytes were sent
   */
  public boolean bodyIfStillOpen(byte[] bytes) {
    try {
      write(bytes);
      return true;
    } catch (IOException closedByServer) {
      return false;
    }
  }

  /** Reads the answer's status line, e.g. {@code HTTP/1.1 413 Payload Too Large}. */
  public String statusLine() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1 && b != '\n'; ) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Reads the answer (status line, headers and body) until the server closes the connection. A
   * reset after some bytes arrived ends the answer too: the server may reset a connection whose
   * request body it did not read.
   */
  public String answer() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        answer.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (answer.size() == 0) {
        throw e;
      }
    }
    return answer.toString(StandardCharsets.US_ASCII);
  }

  private void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
