package dev.petrel.server.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback for the tests: it records each request's headers and body and
 * answers with {@link #status}. It can be "down" (nothing listens on its port) and come up later on
 * the same port.
 */
final class Receiver implements AutoCloseable {
  /** One request received. */
  record Received(Map<String, String> headers, String body) {}

  final int port;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;

  private Receiver(int port) {
    this.port = port;
  }

  /** A receiver whose port is free but that does not listen yet (down). */
  static Receiver down() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return new Receiver(socket.getLocalPort());
    }
  }

  /** A receiver that listens. */
  static Receiver up() throws IOException {
    Receiver receiver = down();
    receiver.start();
    return receiver;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks/petrel";
  }

  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                new Received(
                    Map.of(
                        "event",
                            String.valueOf(exchange.getRequestHeaders().getFirst("Petrel-Event")),
                        "signature",
                            String.valueOf(
                                exchange.getRequestHeaders().getFirst("Petrel-Signature")),
                        "delivery",
                            String.valueOf(
                                exchange.getRequestHeaders().getFirst("Petrel-Delivery-Id"))),
                    body));
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          }
        });
    server.start();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
