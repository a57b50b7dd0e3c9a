package dev.petrel.server.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records answered checks without slowing them down: {@link #record} only offers the event to a
 * bounded queue, and one writer thread inserts what has queued up in batches. When the queue is
 * full the event is dropped and counted as shed; the check itself is never delayed or failed.
 *
 * <p>{@link #close()} stops taking events, writes everything still queued, and returns. A batch
 * that fails to write is retried a few times, then counted as failed and logged.
 */
public final class CheckRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CheckRecorder.class);
  private static final int MAX_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final BlockingQueue<CheckEvent> queue;
  private final int batchSize;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread writer;
  private volatile boolean closing;

  /**
   * @param capacity how many events may wait to be written before new ones are shed
   * @param batchSize the most events written in one statement batch
   */
  public CheckRecorder(Jdbi jdbi, int capacity, int batchSize) {
    this.jdbi = jdbi;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.writer = new Thread(this::drainLoop, "petrel-check-recorder");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Queues an event; never blocks. Returns false when it was shed. */
  public boolean record(CheckEvent event) {
    if (closing || !queue.offer(event)) {
      shed.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Events written to the database so far. */
  public long recorded() {
    return recorded.get();
  }

  /** Events dropped because the queue was full or the recorder closing. */
  public long shed() {
    return shed.get();
  }

  /** Events lost because their batch could not be written. */
  public long failed() {
    return failed.get();
  }

  /** Events waiting to be written. */
  public int queued() {
    return queue.size();
  }

  private void drainLoop() {
    List<CheckEvent> batch = new ArrayList<>(batchSize);
    while (!closing || !queue.isEmpty()) {
      try {
        CheckEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<CheckEvent> batch) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        jdbi.useTransaction(handle -> insert(handle.prepareBatch(INSERT), batch));
        recorded.addAndGet(batch.size());
        return;
      } catch (RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS) {
          failed.addAndGet(batch.size());
          log.error(
              "dropping {} check events after {} attempts: {}",
              batch.size(),
              attempt,
              e.getMessage());
          return;
        }
        Thread.sleep(50L * attempt);
      }
    }
  }

  private static final String INSERT =
      """
      INSERT INTO update_checks (app_id, platform, channel, device_id, current_version,
        current_version_code, offered_release_id, offered_version, checked_at)
      VALUES (:appId, :platform, :channel, :deviceId, :currentVersion, :currentVersionCode,
        :offeredReleaseId, :offeredVersion, :checkedAt)
      """;

  private static void insert(PreparedBatch statement, List<CheckEvent> batch) {
    for (CheckEvent event : batch) {
      statement.bindMethods(event).add();
    }
    statement.execute();
  }

  /** Stops taking events and writes every queued one before returning (waits up to 30 s). */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      log.warn("check recorder did not finish within 30 s; {} events unwritten", queue.size());
    }
  }
}
