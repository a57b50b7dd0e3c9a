import com.sun.management.ThreadMXBean;
import dev.petrel.server.web.RequestMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;

/**
 * What timing a check costs the fast path: two {@code System.nanoTime()} calls and one {@link
 * RequestMetrics.Route#record}, as {@code CheckFastPath} does per request. Prints nanoseconds and
 * bytes allocated per request, on one thread and on two at once (the check path runs on the
 * selector threads, so two timers are updated concurrently on a 2-core machine). Run:
 *
 * <pre>java -XX:+UseSerialGC -cp cli/target/petrel-cli-all.jar bench/RequestTimerCost.java</pre>
 */
public final class RequestTimerCost {
  private static final int WARM_UP = 5_000_000;
  private static final int MEASURED = 20_000_000;

  public static void main(String[] args) throws Exception {
    RequestMetrics metrics =
        new RequestMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    RequestMetrics.Route route = metrics.route("POST", "/api/updates/check");
    run(route, WARM_UP);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    long sink = run(route, MEASURED);
    long elapsed = System.nanoTime() - start;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    System.out.printf(
        "one thread:  %.1f ns per timed request, %.3f bytes allocated per request%n",
        (double) elapsed / MEASURED, (double) allocated / MEASURED);

    Thread[] pair = new Thread[2];
    long twoStart = System.nanoTime();
    for (int i = 0; i < pair.length; i++) {
      pair[i] = new Thread(() -> run(route, MEASURED));
      pair[i].start();
    }
    for (Thread thread : pair) {
      thread.join();
    }
    long twoElapsed = System.nanoTime() - twoStart;
    System.out.printf(
        "two threads: %.1f ns per timed request per thread (each thread %d requests)%n",
        (double) twoElapsed / MEASURED, MEASURED);
    System.out.println(sink == 42 ? "" : "done");
  }

  /** Times an empty request {@code count} times; returns something so the loop is not dropped. */
  private static long run(RequestMetrics.Route route, int count) {
    long last = 0;
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      route.record(200, System.nanoTime() - started + (i & 1023) * 1_000L);
      last = started;
    }
    return last;
  }
}
