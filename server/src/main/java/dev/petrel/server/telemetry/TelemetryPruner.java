package dev.petrel.server.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw telemetry older than the retention, in small batches, so that {@code update_checks}
 * and {@code client_events} stay the size of a few days of traffic; the figures read the daily
 * aggregates, which are kept. Also forgets {@code device_marks} and {@code device_adoption} rows
 * not touched for longer than the longest figures window ({@value #MARK_DAYS} days).
 *
 * <p>Every node runs it every {@link #INTERVAL}; a lease row in {@code telemetry_jobs}, taken by
 * one conditional UPDATE, lets one node at a time work and the others skip. A row is deleted only
 * when its server time ({@code checked_at}, {@code received_at}) is older than the retention, so
 * nothing inside the window is ever removed. Batches walk ranges of the primary key up from its
 * smallest id (ids grow with those times; the raw tables have no time index), so each costs one
 * index range and at most {@value #BATCH_ROWS} deletions, and a run stops at the first range that
 * holds nothing old. Thread-safe.
 */
public final class TelemetryPruner implements AutoCloseable {
  /** Rows per delete statement by default (each its own short transaction). */
  static final int BATCH_ROWS = 5_000;

  /** How often each node tries to prune. */
  static final Duration INTERVAL = Duration.ofMinutes(10);

  /** How long a lease lasts before another node may take it, renewed after every batch. */
  static final Duration LEASE = Duration.ofMinutes(2);

  /** Days a device mark is kept after it was last touched: at least the longest figures window. */
  public static final int MARK_DAYS = 91;

  private static final Logger log = LoggerFactory.getLogger(TelemetryPruner.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration retention;
  private final int batchRows;
  private final String holder = "node-" + UUID.randomUUID();
  private ScheduledExecutorService scheduler;

  /**
   * What one run deleted: raw checks and client events past the retention, {@code device_marks} and
   * {@code device_adoption} rows past {@link #MARK_DAYS}. {@code ran} is false when another node
   * held the lease.
   */
  public record Result(boolean ran, long checks, long events, long marks, long adoptionRows) {}

  /**
   * @param retention how long raw rows are kept
   */
  public TelemetryPruner(Jdbi jdbi, Clock clock, Duration retention) {
    this(jdbi, clock, retention, BATCH_ROWS);
  }

  /** A pruner deleting at most {@code batchRows} rows a statement (tests use a few). */
  TelemetryPruner(Jdbi jdbi, Clock clock, Duration retention, int batchRows) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.retention = retention;
    this.batchRows = batchRows;
  }

  /** Runs {@link #runOnce()} every {@link #INTERVAL}, the first time within a minute. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-telemetry-prune");
              thread.setDaemon(true);
              return thread;
            });
    long first = 5_000 + ThreadLocalRandom.current().nextLong(55_000);
    scheduler.scheduleWithFixedDelay(
        this::runLogged, first, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runLogged() {
    try {
      Result result = runOnce();
      if (result.checks() + result.events() + result.marks() + result.adoptionRows() > 0) {
        log.info(
            "pruned {} checks and {} client events older than {} days, {} device marks and {}"
                + " adoption rows older than {} days",
            result.checks(),
            result.events(),
            retention.toDays(),
            result.marks(),
            result.adoptionRows(),
            MARK_DAYS);
      }
    } catch (RuntimeException e) {
      log.warn("telemetry pruning failed; retrying at the next run: {}", e.getMessage());
    }
  }

  /** Prunes now, unless another node holds the lease. */
  public Result runOnce() {
    Instant now = clock.instant();
    if (!lease(now)) {
      return new Result(false, 0, 0, 0, 0);
    }
    long cutoff = now.minus(retention).toEpochMilli();
    long checks = pruneOld("update_checks", "checked_at", cutoff);
    long events = pruneOld("client_events", "received_at", cutoff);
    long marks = pruneMarks("device_marks", "app_id, kind, subject, channel, device_id", now);
    long adoptionRows = pruneMarks("device_adoption", "app_id, subject, device_id", now);
    // Hold the lease for half an interval more, so that the other nodes skip their next turn.
    release(clock.instant().plus(INTERVAL.dividedBy(2)));
    return new Result(true, checks, events, marks, adoptionRows);
  }

  private boolean lease(Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        """
                        UPDATE telemetry_jobs SET holder = :holder, leased_until = :until
                        WHERE name = 'prune' AND (leased_until <= :now OR holder = :holder)
                        """)
                    .bind("holder", holder)
                    .bind("until", now.plus(LEASE).toEpochMilli())
                    .bind("now", now.toEpochMilli())
                    .execute())
        == 1;
  }

  private void release(Instant until) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE telemetry_jobs SET leased_until = :until"
                        + " WHERE name = 'prune' AND holder = :holder")
                .bind("until", until.toEpochMilli())
                .bind("holder", holder)
                .execute());
  }

  /**
   * Deletes rows of {@code table} whose {@code timeColumn} is before {@code cutoff}, walking id
   * ranges of {@code batchRows} ids up from the smallest id until a range holds no old row. A young
   * row among old ones (a late writer) is kept and does not stop the walk.
   */
  private long pruneOld(String table, String timeColumn, long cutoff) {
    Long smallest =
        jdbi.withHandle(
            handle -> handle.createQuery("SELECT MIN(id) FROM " + table).mapTo(Long.class).one());
    long deleted = 0;
    for (long from = smallest == null ? 0 : smallest;
        smallest != null && lease(clock.instant());
        from += batchRows) {
      long start = from;
      int batch =
          jdbi.withHandle(
              handle ->
                  handle
                      .createUpdate(
                          "DELETE FROM "
                              + table
                              + " WHERE id >= :start AND id < :end AND "
                              + timeColumn
                              + " < :cutoff")
                      .bind("start", start)
                      .bind("end", start + batchRows)
                      .bind("cutoff", cutoff)
                      .execute());
      if (batch == 0) {
        break;
      }
      deleted += batch;
    }
    return deleted;
  }

  /**
   * Deletes the rows of {@code table} (whose primary key is {@code key}) last touched more than
   * {@link #MARK_DAYS} days before {@code now}, in batches.
   */
  private long pruneMarks(String table, String key, Instant now) {
    long beforeDay = TelemetryRollup.day(now) - MARK_DAYS;
    long deleted = 0;
    while (lease(clock.instant())) {
      int batch =
          jdbi.withHandle(
              handle ->
                  handle
                      .createUpdate(
                          """
                          DELETE FROM %1$s WHERE (%2$s) IN (
                            SELECT %2$s FROM %1$s WHERE day < :before LIMIT %3$d)
                          """
                              .formatted(table, key, batchRows))
                      .bind("before", beforeDay)
                      .execute());
      if (batch == 0) {
        break;
      }
      deleted += batch;
    }
    return deleted;
  }

  /** Stops the schedule; a run in progress finishes its current batch. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
