package dev.petrel.server.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HTTP request latency per route, as the Prometheus histogram {@code
 * http_server_requests_seconds{method,route,status}} on {@code /metrics}.
 *
 * <p>{@code route} is the route template ({@code /api/v1/apps/{app}/releases/{id}}), never the raw
 * URL, and {@code status} is the status class ({@code 2xx}, {@code 4xx}, …), so the number of
 * series is bounded by the routes the server has, whatever clients send. A request that matches no
 * route is counted under {@link #UNMATCHED}. The buckets are fixed ({@link #BUCKETS}): a dozen and
 * a half series per route instead of the seventy Micrometer's default histogram would publish.
 * Thread-safe.
 */
public final class RequestMetrics {
  /** The meter's name; Prometheus shows it as {@code http_server_requests_seconds}. */
  public static final String NAME = "http.server.requests";

  /** The {@code route} of requests that match no route (404s of unknown paths). */
  public static final String UNMATCHED = "unmatched";

  /**
   * Upper bounds of the histogram buckets: from 100 µs (a check is answered in tens of
   * microseconds) to 10 s (a large upload or download); slower requests land in {@code +Inf}.
   */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1).dividedBy(10),
    Duration.ofMillis(1).dividedBy(4),
    Duration.ofMillis(1).dividedBy(2),
    Duration.ofMillis(1),
    Duration.ofMillis(1).multipliedBy(5).dividedBy(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
  };

  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final MeterRegistry registry;

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records a request Javalin has answered, taking the route from the endpoint it matched; meant
   * for Javalin's request logger, which passes the time spent in milliseconds.
   */
  public void record(Context ctx, float millis) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? UNMATCHED : endpoint.path;
    timer(ctx.method().name(), route, statusClass(ctx.statusCode()))
        .record((long) (millis * 1_000_000.0), TimeUnit.NANOSECONDS);
  }

  /**
   * The timers of one route served outside Javalin, registered now (for {@code 2xx}, {@code 4xx}
   * and {@code 5xx}, the classes such a route answers with) so that recording a request costs no
   * lookup and no allocation.
   */
  public Route route(String method, String route) {
    Timer[] timers = new Timer[STATUS_CLASSES.length];
    for (int i : new int[] {1, 3, 4}) {
      timers[i] = timer(method, route, STATUS_CLASSES[i]);
    }
    return new Route(timers);
  }

  /** The pre-registered timers of one route, one per status class. */
  public static final class Route {
    private final Timer[] byStatusClass;

    private Route(Timer[] byStatusClass) {
      this.byStatusClass = byStatusClass;
    }

    /**
     * Records one request answered with {@code status} that took {@code nanos}; a status outside
     * {@code 2xx}, {@code 4xx} and {@code 5xx} is not counted.
     */
    public void record(int status, long nanos) {
      int index = status / 100 - 1;
      if (index >= 0 && index < byStatusClass.length && byStatusClass[index] != null) {
        byStatusClass[index].record(nanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  private Timer timer(String method, String route, String statusClass) {
    return Timer.builder(NAME)
        .description("HTTP requests answered, by route template, method and status class")
        .tag("method", method)
        .tag("route", route)
        .tag("status", statusClass)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  private static String statusClass(int status) {
    int index = status / 100 - 1;
    return index >= 0 && index < STATUS_CLASSES.length ? STATUS_CLASSES[index] : "other";
  }
}
