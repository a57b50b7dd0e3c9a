package dev.petrel.server.telemetry;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Writes one batch of events, retrying a failed write after a pause of 50 ms times the attempt
 * number (at most {@value #MAX_BACKOFF_MILLIS} ms). While {@code counting} is false it retries
 * without end; once it is true, it gives up after {@code attempts} failures counted from then on.
 * Immutable; used by one writer thread at a time.
 */
final class BatchRetry {
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  /** One attempt at writing the batch; a {@link RuntimeException} counts as a failure too. */
  @FunctionalInterface
  interface Write {
    void run() throws SQLException;
  }

  /** Told of a failed attempt (counting from 1) and why it failed. */
  @FunctionalInterface
  interface Failure {
    void failed(int attempt, Exception cause);
  }

  private final int attempts;
  private final BooleanSupplier counting;

  /**
   * @param attempts how many counted failures end the retrying
   * @param counting whether failures count now (always, or e.g. only once the writer is closing)
   */
  BatchRetry(int attempts, BooleanSupplier counting) {
    this.attempts = attempts;
    this.counting = counting;
  }

  /**
   * Runs {@code write} until it succeeds or this gives up.
   *
   * @param retrying told of each failure that is retried, before the pause
   * @param givingUp told of the failure after which it gives up
   * @return whether the batch was written
   */
  boolean write(Write write, Failure retrying, Failure givingUp) throws InterruptedException {
    int counted = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return true;
      } catch (RuntimeException | SQLException e) {
        if (counting.getAsBoolean() && ++counted >= attempts) {
          givingUp.failed(attempt, e);
          return false;
        }
        retrying.failed(attempt, e);
        Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 50L * attempt));
      }
    }
  }
}
