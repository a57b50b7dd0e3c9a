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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
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
  void rehearsesOnTheLoopbackFirstAndOnTheNetworkOnlyOnceOpenedThenStopsWithTheServer()
      throws Exception {
    HttpListener listener = new HttpListener("127.0.0.1", 0);
    Server server = server(listener);
    try {
      List<ServerConnector> rehearsal =
          List.of(listener.rehearsal(), listener.lowPriorityRehearsal());
      List<Integer> rehearsalPorts = new ArrayList<>();
      for (ServerConnector connector : rehearsal) {
        // network connectors like the listener, on the loopback only, told apart from it
        assertThat(connector.getHost())
            .isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
        assertThat(connector.getSelectorManager().getSelectorCount())
            .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(HttpListener.isRehearsal(connector)).isTrue();
        assertThat(get(connector.getLocalPort())).startsWith("HTTP/1.1 200").endsWith("hello");
        assertThat(connector.getExecutor()).isNotSameAs(server.getThreadPool());
        assertThat(connector.getScheduler()).isNotSameAs(server.getScheduler());
        rehearsalPorts.add(connector.getLocalPort());
      }
      assertThatThrownBy(listener::port).isInstanceOf(IllegalStateException.class);
      // their threads are their own, one at the lowest priority (CheckRehearsal runs on both)
      assertThat(priority(listener.lowPriorityRehearsal())).isEqualTo(Thread.MIN_PRIORITY);
      assertThat(priority(listener.rehearsal())).isEqualTo(Thread.NORM_PRIORITY);
      assertThat(listener.rehearsal().getExecutor())
          .isNotSameAs(listener.lowPriorityRehearsal().getExecutor());

      listener.open();

      // the rehearsal connectors are closed before the listener opens, their threads ended
      for (int rehearsalPort : rehearsalPorts) {
        assertThatThrownBy(() -> get(rehearsalPort)).isInstanceOf(ConnectException.class);
      }
      assertThat(server.getConnectors()).hasSize(1);
      for (ServerConnector connector : rehearsal) {
        assertThat(connector.isStopped()).isTrue();
        assertThat(((QueuedThreadPool) connector.getExecutor()).isStopped()).isTrue();
      }
      int port = listener.port();
      assertThat(port).isPositive();
      assertThat(HttpListener.isRehearsal(server.getConnectors()[0])).isFalse();
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
      List<Connector> connectors =
          new ArrayList<>(List.of(listener.rehearsal(), listener.lowPriorityRehearsal()));
      listener.open();
      connectors.addAll(List.of(server.getConnectors()));

      assertThat(connectors).hasSize(3);
      for (Connector connector : connectors) {
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
        assertThat(server.getConnectors()).isEmpty(); // the rehearsal ones were closed before
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

  private static int priority(ServerConnector connector) {
    return ((QueuedThreadPool) connector.getExecutor()).getThreadsPriority();
  }
}
