package dev.petrel.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
}
