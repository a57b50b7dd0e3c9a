package dev.petrel.server.rollouts;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rollout jobs in the background: first the {@link HealthMonitor} (when a source of
 * install outcomes is wired), then the {@link RampAdvancer}, so a release that turned unhealthy is
 * halted before its ramp could move it on. Both read the server's clock, so tests drive them with
 * {@link #runOnce} on a test clock instead of waiting.
 */
public final class RolloutJobs implements AutoCloseable {
  /** How often the jobs run. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(RolloutJobs.class);

  private final HealthMonitor monitor;
  private final HealthCounts counts;
  private final RampAdvancer advancer;
  private ScheduledExecutorService executor;

  /**
   * @param counts where install outcomes come from, or null when none is wired: then only {@link
   *     #runOnce(HealthCounts)} with a source checks health
   */
  public RolloutJobs(HealthMonitor monitor, HealthCounts counts, RampAdvancer advancer) {
    this.monitor = monitor;
    this.counts = counts;
    this.advancer = advancer;
  }

  /** What one run did. */
  public record Run(int halted, int advanced) {}

  /** Runs both jobs once with the wired source of install outcomes. */
  public Run runOnce() {
    return runOnce(counts);
  }

  /** Runs both jobs once, reading install outcomes from {@code counts} (null: no health check). */
  public synchronized Run runOnce(HealthCounts counts) {
    int halted = counts == null ? 0 : monitor.runOnce(counts);
    return new Run(halted, advancer.runOnce(counts));
  }

  /** Starts running the jobs every {@link #INTERVAL}. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-rollout-jobs");
              thread.setDaemon(true);
              return thread;
            });
    long millis = INTERVAL.toMillis();
    executor.scheduleWithFixedDelay(this::runLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void runLogged() {
    try {
      Run run = runOnce();
      if (run.halted() > 0 || run.advanced() > 0) {
        log.info("rollout jobs: {} halted, {} ramp steps taken", run.halted(), run.advanced());
      }
    } catch (RuntimeException e) {
      log.warn("rollout jobs failed; trying again in {}: {}", INTERVAL, e.getMessage());
    }
  }

  /** Stops the background runs, waiting up to 5 s for one in progress. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = executor;
      executor = null;
    }
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("rollout jobs did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
