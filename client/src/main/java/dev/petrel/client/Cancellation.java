package dev.petrel.client;

/**
 * A flag that asks a running download to stop. Thread-safe: any thread may call {@link #cancel()}
 * while another downloads. A cancelled download ends with {@link UpdateException.Reason#CANCELLED}
 * soon after (within one read of at most 64 KiB, or the read timeout when the server is silent) and
 * leaves its partial file in place, so the next download of the same release resumes.
 *
 * <p>Once cancelled, a cancellation stays cancelled; use a new one for the next attempt.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A cancellation that has not been cancelled. */
  public Cancellation() {}

  /** Asks the operation watching this flag to stop. Idempotent. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} has been called. */
  public boolean cancelled() {
    return cancelled;
  }

  /** A cancellation that nobody can cancel, for callers that never cancel. */
  public static Cancellation none() {
    return new Cancellation();
  }
}
