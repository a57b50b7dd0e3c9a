package dev.petrel.server.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts attempted and failed installs (and sessions and crashes) of one release in a sliding
 * window, for the rollout health check. Attempted = {@code install_succeeded + install_failed +
 * reverted + crashed_on_start}; failed = {@code install_failed + reverted + crashed_on_start}.
 *
 * <p>Cost: one range scan of the index {@code client_events_by_release (release_id, occurred_at,
 * type)}, which holds every column the query reads, so the table itself is not touched; it reads
 * one index entry per event of that release inside the window. The window is by the devices' clocks
 * ({@code occurred_at}, clamped to the server's time when ahead of it). Events are counted once
 * committed, which happens before their {@code 202}.
 *
 * <p>Raw events are pruned after the retention. A window reaching back before the raw rows are
 * complete (the start of the UTC day after {@code now - retention + 5 minutes}) is counted there
 * from the daily aggregates, in whole UTC days: its oldest part is rounded out to the start of
 * {@code since}'s day. Thread-safe.
 */
public final class ReleaseHealthCounts {
  private static final long DAY_MILLIS = 86_400_000L;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param retention how long raw {@code client_events} are kept, or null when they never go
   */
  public ReleaseHealthCounts(Jdbi jdbi, Clock clock, Duration retention) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.retention = retention;
  }

  /** Counts from raw rows only, for a database whose events are never pruned. */
  public ReleaseHealthCounts(Jdbi jdbi) {
    this(jdbi, Clock.systemUTC(), null);
  }

  /**
   * Installs attempted and failed.
   *
   * @param attempted installs that succeeded, failed, were reverted or crashed on first start
   * @param failed installs that failed, were reverted or crashed on first start
   */
  public record Counts(long attempted, long failed) {
    Counts plus(Counts other) {
      return new Counts(attempted + other.attempted, failed + other.failed);
    }
  }

  /** The types read, and which of them count as attempted and as failed. */
  private record Kind(String types, String attempted, String failed) {}

  private static final Kind INSTALLS =
      new Kind(
          "('install_succeeded', 'install_failed', 'reverted', 'crashed_on_start')",
          "type IS NOT NULL",
          "type <> 'install_succeeded'");
  private static final Kind SESSIONS =
      new Kind("('app_started', 'app_crashed')", "type = 'app_started'", "type = 'app_crashed'");

  /**
   * The sessions of release {@code releaseId} since {@code since}: {@code attempted} is the {@code
   * app_started} events, {@code failed} the {@code app_crashed} ones (the same index scan).
   */
  public Counts sessions(long releaseId, Instant since) {
    return count(releaseId, since, SESSIONS);
  }

  /**
   * The installs of release {@code releaseId} that happened at or after {@code since}.
   *
   * @throws org.jdbi.v3.core.JdbiException when the database cannot be read
   */
  public Counts counts(long releaseId, Instant since) {
    return count(releaseId, since, INSTALLS);
  }

  private Counts count(long releaseId, Instant since, Kind kind) {
    long from = since.toEpochMilli();
    long complete = rawCompleteFrom();
    if (from >= complete) {
      return raw(releaseId, from, kind);
    }
    return aggregated(releaseId, Math.floorDiv(from, DAY_MILLIS), complete / DAY_MILLIS, kind)
        .plus(raw(releaseId, complete, kind));
  }

  /** Where raw events are surely all present, in epoch milliseconds (a UTC day's start). */
  private long rawCompleteFrom() {
    if (retention == null) {
      return Long.MIN_VALUE;
    }
    Instant cutoff = clock.instant().minus(retention).plus(EventIngest.MAX_CLOCK_SKEW);
    return (Math.floorDiv(cutoff.toEpochMilli(), DAY_MILLIS) + 1) * DAY_MILLIS;
  }

  private Counts raw(long releaseId, long from, Kind kind) {
    String sql =
        """
        SELECT COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0) AS attempted,
          COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0) AS failed
        FROM client_events
        WHERE release_id = :release AND occurred_at >= :since AND type IN %s
        """
            .formatted(kind.attempted(), kind.failed(), kind.types());
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(sql)
                .bind("release", releaseId)
                .bind("since", from)
                .map((rows, ctx) -> new Counts(rows.getLong("attempted"), rows.getLong("failed")))
                .one());
  }

  /** The sums of days {@code fromDay} (inclusive) to {@code toDay} (exclusive). */
  private Counts aggregated(long releaseId, long fromDay, long toDay, Kind kind) {
    String sql =
        """
        SELECT COALESCE(SUM(CASE WHEN %s THEN n ELSE 0 END), 0) AS attempted,
          COALESCE(SUM(CASE WHEN %s THEN n ELSE 0 END), 0) AS failed
        FROM telemetry_daily
        WHERE release_id = :release AND day >= :from AND day < :to AND metric IN %s
        """
            .formatted(
                kind.attempted().replace("type", "metric"),
                kind.failed().replace("type", "metric"),
                kind.types());
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(sql)
                .bind("release", releaseId)
                .bind("from", fromDay)
                .bind("to", toDay)
                .map((rows, ctx) -> new Counts(rows.getLong("attempted"), rows.getLong("failed")))
                .one());
  }
}
