package dev.petrel.server.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that empties a {@link BoundedEventQueue} in batches: it takes up to {@code
 * batchSize} items at a time and hands them to a {@link Sink}, resting briefly when the queue is
 * empty. After {@link #close()} it keeps going until the queue is empty, then stops; what to do
 * with a batch that fails is the sink's decision (it may retry, and sees {@link #closing()}).
 *
 * <p>With a {@code linger}, batches begin at most once per linger unless a whole batch is waiting:
 * a writer that is faster than its producers otherwise writes a handful of items per transaction,
 * and the database's cost per statement and commit then outweighs its cost per row.
 *
 * <p>Shared by check telemetry ({@link CheckRecorder}, which sheds) and client events ({@link
 * ClientEventWriter}, which never sheds what it accepted).
 */
final class BatchingWriter<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchingWriter.class);

  /** How long the writer rests when nothing is queued; bounds how stale the table may be. */
  private static final long IDLE_MILLIS = 20;

  private static final long CLOSE_WAIT_MILLIS = 30_000;

  /** Writes one batch; called on the writer thread only. */
  interface Sink<T> {
    void write(List<T> batch) throws InterruptedException;
  }

  private final BoundedEventQueue<T> queue;
  private final int batchSize;
  private final long lingerNanos;
  private final Sink<T> sink;
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param linger the least time from the start of one batch to the start of the next unless {@code
   *     batchSize} items are waiting ({@link Duration#ZERO}: none)
   */
  BatchingWriter(
      String threadName, BoundedEventQueue<T> queue, int batchSize, Duration linger, Sink<T> sink) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: expected at least 1, found " + batchSize);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger: expected zero or more, found " + linger);
    }
    this.queue = queue;
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
    this.sink = sink;
    this.thread = new Thread(this::drainLoop, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Whether {@link #close()} was called: producers should stop offering. */
  boolean closing() {
    return closing;
  }

  private void drainLoop() {
    List<T> batch = new ArrayList<>(batchSize);
    long lastStart = System.nanoTime() - lingerNanos;
    while (!closing || !queue.isEmpty()) {
      try {
        long rest = lastStart + lingerNanos - System.nanoTime();
        if (rest > 0 && !closing && queue.size() < batchSize) {
          TimeUnit.NANOSECONDS.sleep(Math.min(rest, TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)));
          continue;
        }
        if (queue.drainTo(batch, batchSize) == 0) {
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        lastStart = System.nanoTime();
        sink.write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** Stops taking new work once the queue is empty, and waits (up to 30 s) for that. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("{} did not finish within 30 s; {} items unwritten", thread.getName(), queue.size());
    }
  }
}
