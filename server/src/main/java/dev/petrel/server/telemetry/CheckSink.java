package dev.petrel.server.telemetry;

/**
 * Where the check path hands each answered check: {@link CheckRecorder} queues it for the database;
 * {@link #DISCARD} drops it, for checks that are not a device's (the start's rehearsal).
 */
@FunctionalInterface
public interface CheckSink {
  /** Drops every check. */
  CheckSink DISCARD = check -> true;

  /**
   * Takes one answered check; never blocks.
   *
   * @return false when the check was shed instead of kept
   */
  boolean record(CheckEvent check);
}
