package dev.petrel.server.rollouts;

import java.time.Instant;

/**
 * Where the {@link HealthMonitor} reads install outcomes from: per release, the attempted and
 * failed installs reported since an instant. Telemetry's {@code ReleaseHealthCounts} satisfies it
 * (attempted = succeeded + failed + reverted + crashed on start; failed = the last three).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HealthCounts {
  /** Install outcomes of one release. */
  record Counts(long attempted, long failed) {}

  /** The outcomes of {@code releaseId} reported at or after {@code since}. */
  Counts counts(long releaseId, Instant since);

  /**
   * Sessions of {@code releaseId} reported at or after {@code since}, as {@code (app_started,
   * app_crashed)} counts in a {@link Counts} ({@code attempted} = sessions started, {@code failed}
   * = crashes), for a statistical gate's crash comparison. A source without session data reports
   * none, which leaves the crash comparison undecided.
   */
  default Counts sessions(long releaseId, Instant since) {
    return new Counts(0, 0);
  }
}
