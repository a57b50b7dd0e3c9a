package dev.petrel.server.web;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server's one HTTP/1.1 listener, with one Jetty selector thread per core.
 *
 * <p>Why one per core rather than Jetty's default of one per two cores: the check path is
 * non-blocking and runs on the selector threads themselves (see {@code
 * dev.petrel.server.updates.CheckFastPath}), so the selectors are what does the work of a check,
 * and with fewer of them than cores a check-heavy load leaves cores idle. Everything else is handed
 * to the thread pool and never runs on a selector.
 *
 * <p>The listen backlog is {@value #ACCEPT_QUEUE} connections rather than the JDK's default of 50.
 * Behind a load balancer, a burst of new upstream connections (after another node died, or when its
 * keep-alive pool is exhausted) otherwise overflows the queue; the kernel then drops the SYNs, the
 * balancer's connect times out after a second and it marks a healthy node as failed.
 */
public final class HttpListener {
  /** Connections the kernel may queue before the acceptor takes them (capped by somaxconn). */
  public static final int ACCEPT_QUEUE = 1024;

  private HttpListener() {}

  /**
   * A connector for {@code server} listening on {@code host:port} (port 0 picks a free port).
   *
   * @param http the HTTP settings to serve with (Javalin's, so its limits apply)
   */
  public static ServerConnector create(
      Server server, HttpConfiguration http, String host, int port) {
    int selectors = Math.max(1, Runtime.getRuntime().availableProcessors());
    ServerConnector connector =
        new ServerConnector(server, -1, selectors, new HttpConnectionFactory(http));
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
