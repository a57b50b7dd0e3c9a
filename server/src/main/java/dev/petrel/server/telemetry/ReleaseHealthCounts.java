package dev.petrel.server.telemetry;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts attempted and failed installs of one release in a sliding window, from {@code
 * client_events}, for the rollout health check. Attempted = {@code install_succeeded +
 * install_failed + reverted + crashed_on_start}; failed = {@code install_failed + reverted +
 * crashed_on_start}.
 *
 * <p>Cost: one range scan of the index {@code client_events_by_release (release_id, occurred_at,
 * type)}, which holds every column the query reads, so the table itself is not touched; it reads
 * one index entry per event of that release inside the window. Events still queued in the {@link
 * ClientEventWriter} (normally a few milliseconds' worth) are not yet counted. The window is by the
 * devices' clocks ({@code occurred_at}, clamped to the server's time when ahead of it).
 * Thread-safe.
 */
public final class ReleaseHealthCounts {
  private final Jdbi jdbi;

  public ReleaseHealthCounts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Installs attempted and failed.
   *
   * @param attempted installs that succeeded, failed, were reverted or crashed on first start
   * @param failed installs that failed, were reverted or crashed on first start
   */
  public record Counts(long attempted, long failed) {}

  private static final String COUNT =
      """
      SELECT
        COUNT(*) AS attempted,
        COALESCE(SUM(CASE WHEN type = 'install_succeeded' THEN 0 ELSE 1 END), 0) AS failed
      FROM client_events
      WHERE release_id = :release AND occurred_at >= :since
        AND type IN ('install_succeeded', 'install_failed', 'reverted', 'crashed_on_start')
      """;

  private static final String SESSIONS =
      """
      SELECT
        COALESCE(SUM(CASE WHEN type = 'app_started' THEN 1 ELSE 0 END), 0) AS started,
        COALESCE(SUM(CASE WHEN type = 'app_crashed' THEN 1 ELSE 0 END), 0) AS crashed
      FROM client_events
      WHERE release_id = :release AND occurred_at >= :since
        AND type IN ('app_started', 'app_crashed')
      """;

  /**
   * The sessions of release {@code releaseId} since {@code since}: {@code attempted} is the {@code
   * app_started} events, {@code failed} the {@code app_crashed} ones (the same index scan).
   */
  public Counts sessions(long releaseId, Instant since) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(SESSIONS)
                .bind("release", releaseId)
                .bind("since", since.toEpochMilli())
                .map((rows, ctx) -> new Counts(rows.getLong("started"), rows.getLong("crashed")))
                .one());
  }

  /**
   * The installs of release {@code releaseId} that happened at or after {@code since}.
   *
   * @throws org.jdbi.v3.core.JdbiException when the database cannot be read
   */
  public Counts counts(long releaseId, Instant since) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(COUNT)
                .bind("release", releaseId)
                .bind("since", since.toEpochMilli())
                .map((rows, ctx) -> new Counts(rows.getLong("attempted"), rows.getLong("failed")))
                .one());
  }
}
