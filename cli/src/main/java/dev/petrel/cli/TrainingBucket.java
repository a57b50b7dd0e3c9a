package dev.petrel.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An empty S3 bucket on loopback for the start-up training run, so that the class data archive also
 * records what a server on S3 loads (the AWS SDK is about 1 000 classes and 700 generated ones,
 * loaded and verified from the jar on every start otherwise) without an object store at hand. It
 * answers only what a server's start and a download ask: the bucket exists ({@code HEAD}), no
 * multipart upload and no object is listed, and every object exists with 4 bytes ({@code HEAD}), so
 * that a download is redirected. Anything else gets S3's {@code NotImplemented} error. Not a store:
 * it keeps nothing.
 */
final class TrainingBucket implements AutoCloseable {
  static final String NAME = "petrel-training";

  private static final String XML = "application/xml";
  private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private final HttpServer server;

  private TrainingBucket(HttpServer server) {
    this.server = server;
  }

  /** Listens on a free loopback port. */
  static TrainingBucket start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", TrainingBucket::answer);
    server.start();
    return new TrainingBucket(server);
  }

  /** The endpoint to give the S3 client, with path-style addressing. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String method = exchange.getRequestMethod();
      boolean bucket = path.equals("/" + NAME) || path.equals("/" + NAME + "/");
      if (method.equals("HEAD") && bucket) {
        exchange.sendResponseHeaders(200, -1);
      } else if (method.equals("HEAD") && path.startsWith("/" + NAME + "/")) {
        exchange.getResponseHeaders().set("Content-Length", "4");
        exchange.getResponseHeaders().set("ETag", "\"0123456789abcdef0123456789abcdef\"");
        exchange.getResponseHeaders().set("Last-Modified", "Tue, 01 Dec 2026 00:00:00 GMT");
        exchange.sendResponseHeaders(200, -1);
      } else if (method.equals("GET") && bucket && query != null && query.contains("uploads")) {
        send(
            exchange,
            200,
            "<ListMultipartUploadsResult xmlns=\"%s\"><Bucket>%s</Bucket>"
                    .formatted(NAMESPACE, NAME)
                + "<IsTruncated>false</IsTruncated></ListMultipartUploadsResult>");
      } else if (method.equals("GET") && bucket && query != null && query.contains("list-type=2")) {
        send(
            exchange,
            200,
            "<ListBucketResult xmlns=\"%s\"><Name>%s</Name><KeyCount>0</KeyCount>"
                    .formatted(NAMESPACE, NAME)
                + "<IsTruncated>false</IsTruncated></ListBucketResult>");
      } else {
        send(
            exchange,
            501,
            "<Error><Code>NotImplemented</Code><Message>the training bucket answers only a"
                + " start's and a download's requests</Message></Error>");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", XML);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
