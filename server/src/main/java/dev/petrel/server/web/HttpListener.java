package dev.petrel.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The server's connectors: an in-process one that Jetty starts with the server, and the one
 * HTTP/1.1 listener on the network, which opens only when {@link #open()} is called, so that a
 * starting node can rehearse its check path in-process before a load balancer sends it a request.
 *
 * <p>The listener has one Jetty selector thread per core rather than Jetty's default of one per two
 * cores: the check path is non-blocking and runs on the selector threads themselves (see {@code
 * dev.petrel.server.updates.CheckFastPath}), so the selectors are what does the work of a check,
 * and with fewer of them than cores a check-heavy load leaves cores idle. Everything else is handed
 * to the thread pool and never runs on a selector.
 *
 * <p>The listen backlog is {@value #ACCEPT_QUEUE} connections rather than the JDK's default of 50.
 * Behind a load balancer, a burst of new upstream connections (after another node died, or when its
 * keep-alive pool is exhausted) otherwise overflows the queue; the kernel then drops the SYNs, the
 * balancer's connect times out after a second and it marks a healthy node as failed.
 *
 * <p>Jetty's per-connection header field cache is off ({@link #HEADER_CACHE_SIZE}). Jetty builds it
 * on a connection's second request, about 100 KB, and it saves under 0.1 µs and 60 bytes per
 * request after that (bench/HeaderCacheCost.java): a connection pays for it only after some 1 700
 * requests. Devices that check every few hours open a connection per check or two, and a node
 * started again behind a load balancer gets hundreds of new upstream connections while it is still
 * slow; each cache lives as long as its connection, so the young collections copied them until the
 * heap filled (docs/BENCHMARKS.md, "Connections a restarted node is sent").
 *
 * <p>There are two in-process connectors, each with threads and a scheduler of its own, never the
 * server's: {@link #lowPriorityLocal()}, whose threads run at {@link Thread#MIN_PRIORITY}, and
 * {@link #local()}, at the node's own. A start's rehearsal runs on them, and a thread the rehearsal
 * made grow the server's pool from a low-priority thread would inherit its low operating-system
 * priority, which a process that is not root cannot raise again (docs/operations.md, "A node
 * started again under load").
 *
 * <p>Use: pass {@link #attach} to Javalin as its connector, start Javalin, then {@link #open()}.
 * Not thread-safe; the server's start calls it from one thread.
 */
public final class HttpListener {
  /** The most threads of each in-process connector's own pool (its acceptor is one of them). */
  static final int LOCAL_THREADS = 4;

  /** Jetty's header field cache per connection, in entries: none (see the class comment). */
  public static final int HEADER_CACHE_SIZE = 0;

  /** Connections the kernel may queue before the acceptor takes them (capped by somaxconn). */
  public static final int ACCEPT_QUEUE = 1024;

  private final String host;
  private final int port;
  private Server server;
  private HttpConfiguration http;
  private LocalConnector lowPriorityLocal;
  private LocalConnector local;
  private ServerConnector network;

  /**
   * @param host the address to listen on
   * @param port the port to listen on; 0 picks a free one
   */
  public HttpListener(String host, int port) {
    this.host = host;
    this.port = port;
  }

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

  /**
   * Javalin's connector callback: remembers the server and its HTTP settings, and gives Jetty the
   * two in-process connectors, the only ones started with the server: it returns the one at the
   * lowest priority and adds the other to {@code server} itself. It turns Jetty's header field
   * cache off in {@code http}, which every connector serves with.
   */
  public LocalConnector attach(Server server, HttpConfiguration http) {
    http.setHeaderCacheSize(HEADER_CACHE_SIZE);
    this.server = server;
    this.http = http;
    this.local = localConnector(server, http, "petrel-in-process", Thread.NORM_PRIORITY);
    server.addConnector(local);
    this.lowPriorityLocal =
        localConnector(server, http, "petrel-in-process-low", Thread.MIN_PRIORITY);
    return lowPriorityLocal;
  }

  private static LocalConnector localConnector(
      Server server, HttpConfiguration http, String name, int priority) {
    QueuedThreadPool threads = new QueuedThreadPool(LOCAL_THREADS, 1, 60_000, 0, null, null);
    threads.setName(name);
    threads.setThreadsPriority(priority);
    threads.setDaemon(true);
    ScheduledExecutorScheduler scheduler =
        new ScheduledExecutorScheduler(name + "-scheduler", true);
    return new LocalConnector(server, threads, scheduler, null, 1, new HttpConnectionFactory(http));
  }

  /**
   * The in-process connector whose threads run at the node's own priority; requests through it
   * never come from the network.
   */
  public LocalConnector local() {
    attached();
    return local;
  }

  /**
   * The in-process connector whose threads run at {@link Thread#MIN_PRIORITY}; requests through it
   * never come from the network.
   */
  public LocalConnector lowPriorityLocal() {
    attached();
    return lowPriorityLocal;
  }

  private void attached() {
    if (server == null) {
      throw new IllegalStateException("not attached to a server yet");
    }
  }

  /**
   * Opens the network listener on the started server; the server stops it when it stops.
   *
   * @throws UncheckedIOException naming the address when it cannot listen (e.g. the port is taken)
   */
  public void open() {
    if (server == null || !server.isStarted()) {
      throw new IllegalStateException("the server must be started first");
    }
    ServerConnector connector = create(server, http, host, port);
    server.addConnector(connector);
    // Added to a running server, a connector is not started or stopped with it unless managed.
    server.manage(connector);
    try {
      connector.start();
    } catch (Exception e) {
      server.removeConnector(connector);
      IOException cause = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + rootMessage(e), cause);
    }
    this.network = connector;
  }

  /** The port the network listener is bound to (the real one when configured with port 0). */
  public int port() {
    if (network == null) {
      throw new IllegalStateException("the listener is not open");
    }
    return network.getLocalPort();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
