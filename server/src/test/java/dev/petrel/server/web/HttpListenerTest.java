package dev.petrel.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

class HttpListenerTest {
  @Test
  void listensWithABacklogForLoadBalancerBurstsAndASelectorPerCore() {
    ServerConnector connector =
        HttpListener.create(new Server(), new HttpConfiguration(), "127.0.0.1", 0);

    assertThat(connector.getAcceptQueueSize()).isEqualTo(HttpListener.ACCEPT_QUEUE).isEqualTo(1024);
    assertThat(connector.getSelectorManager().getSelectorCount())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(connector.getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void servesInProcessFirstAndOnTheNetworkOnlyOnceOpenedThenStopsWithTheServer() throws Exception {
    HttpListener listener = new HttpListener("127.0.0.1", 0);
    Server server = server(listener);
    try {
      assertThat(listener.local().getResponse("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200")
          .endsWith("hello");
      assertThatThrownBy(listener::port).isInstanceOf(IllegalStateException.class);
      assertThat(listener.lowPriorityLocal().getResponse("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
      // their threads are their own, one at the lowest priority (CheckRehearsal runs on both)
      assertThat(priority(listener.lowPriorityLocal())).isEqualTo(Thread.MIN_PRIORITY);
      assertThat(priority(listener.local())).isEqualTo(Thread.NORM_PRIORITY);
      for (LocalConnector local : List.of(listener.local(), listener.lowPriorityLocal())) {
        assertThat(local.getExecutor()).isNotSameAs(server.getThreadPool());
        assertThat(local.getScheduler()).isNotSameAs(server.getScheduler());
      }
      assertThat(listener.local().getExecutor())
          .isNotSameAs(listener.lowPriorityLocal().getExecutor());

      listener.open();

      int port = listener.port();
      assertThat(port).isPositive();
      assertThat(get(port)).startsWith("HTTP/1.1 200");
      server.stop();
      assertThatThrownBy(() -> get(port)).isInstanceOf(ConnectException.class);
    } finally {
      server.stop();
    }
  }

  @Test
  void everyConnectorServesWithoutJettysHeaderFieldCache() throws Exception {
    // Jetty's default builds a cache of about 100 KB on each connection's second request
    assertThat(new HttpConfiguration().getHeaderCacheSize()).isPositive();
    HttpListener listener = new HttpListener("127.0.0.1", 0);
    Server server = server(listener);
    try {
      listener.open();

      assertThat(server.getConnectors()).hasSize(3);
      for (Connector connector : server.getConnectors()) {
        HttpConfiguration http =
            connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        assertThat(http.getHeaderCacheSize())
            .as(connector.toString())
            .isEqualTo(HttpListener.HEADER_CACHE_SIZE)
            .isZero();
      }
      assertThat(get(listener.port())).startsWith("HTTP/1.1 200");
    } finally {
      server.stop();
    }
  }

  @Test
  void aTakenPortIsNamedInTheError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HttpListener listener = new HttpListener("127.0.0.1", taken.getLocalPort());
      Server server = server(listener);
      try {
        assertThatThrownBy(listener::open)
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        assertThat(server.getConnectors()).hasSize(2); // only the in-process ones
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void opensOnlyOnAStartedServer() {
    HttpListener listener = new HttpListener("127.0.0.1", 0);
    listener.attach(new Server(), new HttpConfiguration());

    assertThatThrownBy(listener::open).isInstanceOf(IllegalStateException.class);
  }

  private static Server server(HttpListener listener) throws Exception {
    Server server = new Server();
    server.addConnector(listener.attach(server, new HttpConfiguration()));
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(
              org.eclipse.jetty.server.Request request, Response response, Callback callback) {
            response.write(
                true, java.nio.ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.start();
    return server;
  }

  private static String get(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static int priority(LocalConnector local) {
    return ((QueuedThreadPool) local.getExecutor()).getThreadsPriority();
  }
}
