package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.NullableLongs.setLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records answered checks without slowing them down: {@link #record} only offers the event to a
 * bounded queue, and one writer thread inserts what has queued up in batches. When the queue is
 * full the event is dropped and counted as shed; the check itself is never delayed or failed.
 *
 * <p>Batches start at most once per {@link #LINGER} unless a whole batch is waiting: each checked
 * device costs the database several upserted rows, and in batches of a few checks the statements
 * and commits around them cost more than the rows (docs/BENCHMARKS.md, "Cluster load test").
 *
 * <p>Each batch is written in one transaction with its {@link TelemetryRollup} (daily sums, device
 * marks and states), so the figures never disagree with the raw rows.
 *
 * <p>{@link #close()} stops taking events, writes everything still queued, and returns. A batch
 * that fails to write is retried a few times, then counted as failed and logged.
 */
public final class CheckRecorder implements CheckSink, AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(CheckRecorder.class);
  private static final int MAX_ATTEMPTS = 3;

  /** The least time between the starts of two batches that are not full. */
  public static final Duration LINGER = Duration.ofMillis(200);

  private final Jdbi jdbi;
  private final BoundedEventQueue<CheckEvent> queue;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final BatchingWriter<CheckEvent> writer;
  private final BatchRetry retry = new BatchRetry(MAX_ATTEMPTS, () -> true);

  /**
   * @param capacity how many events may wait to be written before new ones are shed
   * @param batchSize the most events written in one statement batch
   * @param linger the least time between the starts of two batches that are not full ({@link
   *     #LINGER} in the server)
   */
  public CheckRecorder(Jdbi jdbi, int capacity, int batchSize, Duration linger) {
    this.jdbi = jdbi;
    this.queue = new BoundedEventQueue<>(capacity);
    this.writer =
        new BatchingWriter<>("petrel-check-recorder", queue, batchSize, linger, this::write);
  }

  /** Queues an event; never blocks. Returns false when it was shed. */
  @Override
  public boolean record(CheckEvent event) {
    if (writer.closing() || !queue.offer(event)) {
      shed.incrementAndGet();
      return false;
    }
    return true;
  }

  /**
   * Exports {@code petrel_telemetry_recorded_total}, {@code _batches_total}, {@code _shed_total},
   * {@code _failed_total} and the gauge {@code petrel_telemetry_queued}.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("petrel.telemetry.recorded", this, CheckRecorder::recorded)
        .description("check events written to the database")
        .register(registry);
    FunctionCounter.builder("petrel.telemetry.batches", this, CheckRecorder::batches)
        .description("transactions that wrote check events (recorded / batches: checks per batch)")
        .register(registry);
    FunctionCounter.builder("petrel.telemetry.shed", this, CheckRecorder::shed)
        .description("check events dropped because the queue was full")
        .register(registry);
    FunctionCounter.builder("petrel.telemetry.failed", this, CheckRecorder::failed)
        .description("check events lost because their batch could not be written")
        .register(registry);
    Gauge.builder("petrel.telemetry.queued", this, CheckRecorder::queued)
        .description("check events waiting to be written")
        .register(registry);
  }

  /** Events written to the database so far. */
  public long recorded() {
    return recorded.get();
  }

  /** Transactions that wrote events so far. */
  public long batches() {
    return batches.get();
  }

  /** Events dropped because the queue was full or the recorder closing. */
  public long shed() {
    return shed.get();
  }

  /** Events lost because their batch could not be written. */
  public long failed() {
    return failed.get();
  }

  /** Failed attempts at writing a batch that were retried (e.g. after a deadlock). */
  long retried() {
    return retried.get();
  }

  /** Events waiting to be written. */
  public int queued() {
    return queue.size();
  }

  private void write(List<CheckEvent> batch) throws InterruptedException {
    retry.write(
        () -> {
          jdbi.useTransaction(
              handle -> {
                insert(handle.getConnection(), batch);
                TelemetryRollup rollup = new TelemetryRollup();
                batch.forEach(rollup::check);
                rollup.write(handle.getConnection());
              });
          recorded.addAndGet(batch.size());
          batches.incrementAndGet();
        },
        (attempt, e) -> {
          retried.incrementAndGet();
          log.debug(
              "retrying {} check events (attempt {}): {}", batch.size(), attempt, e.getMessage());
        },
        (attempt, e) -> {
          failed.addAndGet(batch.size());
          log.error(
              "dropping {} check events after {} attempts: {}",
              batch.size(),
              attempt,
              e.getMessage());
        });
  }

  private static final String INSERT =
      """
      INSERT INTO update_checks (app_id, platform, channel, device_id, current_version,
        current_version_code, offered_release_id, offered_version, checked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /**
   * Plain JDBC on purpose: at tens of thousands of events a second, binding each row by reflection
   * cost the writer a measurable share of a core (docs/BENCHMARKS.md).
   */
  private static void insert(Connection connection, List<CheckEvent> batch) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      for (CheckEvent event : batch) {
        statement.setString(1, event.appId());
        statement.setString(2, event.platform());
        statement.setString(3, event.channel());
        statement.setString(4, event.deviceId());
        statement.setString(5, event.currentVersion());
        setLong(statement, 6, event.currentVersionCode());
        setLong(statement, 7, event.offeredReleaseId());
        statement.setString(8, event.offeredVersion());
        statement.setLong(9, event.checkedAt().toEpochMilli());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** Stops taking events and writes every queued one before returning (waits up to 30 s). */
  @Override
  public void close() {
    writer.close();
  }
}
