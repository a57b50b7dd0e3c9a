package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.server.db.Dialect;
import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.ClientEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads adoption and per-release figures from {@code update_checks} and {@code client_events}.
 * Windows are whole UTC days: the last {@code days} days including today. The check table has no
 * time index; its window is found by {@link IdBoundary}, and each query reads only the window's
 * rows. Thread-safe.
 */
public final class Figures {
  /** The longest window, in days. */
  public static final int MAX_DAYS = 90;

  /** How many failure reasons a release's figures list. */
  static final int TOP_REASONS = 10;

  private static final long DAY_MILLIS = 86_400_000L;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;

  public Figures(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
  }

  /** The time now, by the clock the figures are read with. */
  public Instant now() {
    return clock.instant();
  }

  /** The first instant of a window of {@code days} whole UTC days ending today. */
  public Instant windowStart(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return today.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Devices seen per UTC day, platform and version since {@code since}: distinct device ids that
   * checked for updates while running that version, or reported {@code install_succeeded} for it.
   * Versions are shown without build metadata ({@code 1.1.0+2} counts as {@code 1.1.0}), so a
   * device counts once whichever way it spelled its version.
   *
   * @param platform only this platform, or null for all
   * @param channel only devices in this channel, or null for all
   */
  public List<AdoptionRow> adoption(String app, Platform platform, Channel channel, Instant since) {
    long from = since.toEpochMilli();
    String sql =
        """
        SELECT day, platform, version, COUNT(DISTINCT device_id) AS devices FROM (
          SELECT checked_at / %1$d AS day, platform, %3$s AS version, device_id
          FROM update_checks
          WHERE id >= :checks_from AND checked_at >= :since AND app_id = :app
            AND device_id IS NOT NULL %2$s
          UNION ALL
          SELECT received_at / %1$d AS day, platform, %4$s AS version, device_id
          FROM client_events
          WHERE id >= :events_from AND received_at >= :since AND app_id = :app
            AND type = 'install_succeeded' AND device_id IS NOT NULL %2$s
        ) seen
        GROUP BY day, platform, version
        ORDER BY day, platform, version
        """
            .formatted(
                DAY_MILLIS,
                filters(platform, channel),
                withoutBuild("current_version"),
                withoutBuild("version"));
    return jdbi.withHandle(
        handle -> {
          Query query =
              handle
                  .createQuery(sql)
                  .bind("checks_from", checksFrom(handle, from))
                  .bind(
                      "events_from",
                      IdBoundary.firstIdFrom(handle, IdBoundary.Table.CLIENT_EVENTS, from))
                  .bind("since", from)
                  .bind("app", app);
          bindFilters(query, platform, channel);
          return query
              .map(
                  (rows, ctx) ->
                      new AdoptionRow(
                          LocalDate.ofEpochDay(rows.getLong("day")),
                          rows.getString("platform"),
                          rows.getString("version"),
                          rows.getLong("devices")))
              .list();
        });
  }

  /**
   * The figures of {@code release} since {@code since}.
   *
   * @param channel only checks and events from devices in this channel, or null for all
   */
  public ReleaseFigures release(Release release, Channel channel, Instant since) {
    long from = since.toEpochMilli();
    return jdbi.withHandle(
        handle -> {
          long[] checks = checks(handle, release, channel, from);
          Map<String, Long> events = events(handle, release.id(), channel, from);
          long attempted = 0;
          long failed = 0;
          for (ClientEventType type : ClientEventType.values()) {
            long count = events.get(type.wireName());
            attempted += type.attempt() ? count : 0;
            failed += type.failure() ? count : 0;
          }
          Integer share = attempted == 0 ? null : (int) (failed * 10_000 / attempted);
          return new ReleaseFigures(
              checks[0],
              checks[1],
              checks[2],
              checks[3],
              events,
              attempted,
              failed,
              share,
              reasons(handle, release.id(), channel, from));
        });
  }

  /**
   * The previous release of {@code release}, the baseline its crash-free figures are compared with:
   * the active release of the same app, platform and channel with the highest version code below
   * it, published by {@code now}; null when there is none.
   *
   * @param baseline that release's id, version and code
   */
  public record Baseline(long id, String version, long versionCode) {}

  /** The baseline of {@code release} (see {@link Baseline}), or null. */
  public Baseline baseline(Release release, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT id, version, version_code FROM releases
                    WHERE app_id = :app AND platform = :platform AND channel = :channel
                      AND version_code < :code AND active = TRUE AND published_at <= :now
                    ORDER BY version_code DESC LIMIT 1
                    """)
                .bind("app", release.appId().name())
                .bind("platform", release.platform().name())
                .bind("channel", release.channel().wireName())
                .bind("code", release.versionCode())
                .bind("now", now.toEpochMilli())
                .map(
                    (rows, ctx) ->
                        new Baseline(
                            rows.getLong("id"),
                            rows.getString("version"),
                            rows.getLong("version_code")))
                .findOne()
                .orElse(null));
  }

  /**
   * How {@code release} reached devices since {@code since}: as patches or as full downloads, and
   * how often a patch could not be used (see {@link DeltaFigures}).
   *
   * @param channel only events from devices in this channel, or null for all
   */
  public DeltaFigures deltas(Release release, Channel channel, Instant since) {
    return jdbi.withHandle(
        handle -> DeltaFigures.read(handle, release, channel, since.toEpochMilli()));
  }

  /**
   * The crash-free figures of release {@code releaseId} since {@code since}.
   *
   * @param channel only events from devices in this channel, or null for all
   */
  public CrashFree crashFree(long releaseId, Channel channel, Instant since) {
    return jdbi.withHandle(
        handle -> CrashFree.read(handle, releaseId, channel, since.toEpochMilli()));
  }

  private static long[] checks(Handle handle, Release release, Channel channel, long from) {
    String sql =
        """
        SELECT
          COALESCE(SUM(CASE WHEN %1$s THEN 1 ELSE 0 END), 0) AS checks,
          COUNT(DISTINCT CASE WHEN %1$s THEN device_id END) AS devices,
          COALESCE(SUM(CASE WHEN offered_release_id = :release THEN 1 ELSE 0 END), 0) AS offers,
          COUNT(DISTINCT CASE WHEN offered_release_id = :release THEN device_id END) AS offered
        FROM update_checks
        WHERE id >= :checks_from AND checked_at >= :since AND app_id = :app
          AND platform = :platform %2$s
        """
            .formatted(
                "(current_version_code = :code"
                    + " OR (current_version_code IS NULL AND current_version = :version))",
                filters(null, channel));
    Query query =
        handle
            .createQuery(sql)
            .bind("checks_from", checksFrom(handle, from))
            .bind("since", from)
            .bind("app", release.appId().name())
            .bind("platform", release.platform().name())
            .bind("release", release.id())
            .bind("code", release.versionCode())
            .bind("version", release.version().toString());
    bindFilters(query, null, channel);
    return query
        .map(
            (rows, ctx) ->
                new long[] {
                  rows.getLong("checks"),
                  rows.getLong("devices"),
                  rows.getLong("offers"),
                  rows.getLong("offered")
                })
        .one();
  }

  private static Map<String, Long> events(
      Handle handle, long releaseId, Channel channel, long from) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ClientEventType type : ClientEventType.values()) {
      counts.put(type.wireName(), 0L);
    }
    Query query =
        handle
            .createQuery(
                """
                SELECT type, COUNT(*) AS n FROM client_events
                WHERE release_id = :release AND occurred_at >= :since %s
                GROUP BY type
                """
                    .formatted(filters(null, channel)))
            .bind("release", releaseId)
            .bind("since", from);
    bindFilters(query, null, channel);
    query
        .map((rows, ctx) -> Map.entry(rows.getString("type"), rows.getLong("n")))
        .forEach(entry -> counts.computeIfPresent(entry.getKey(), (k, v) -> entry.getValue()));
    return counts;
  }

  private static List<ReleaseFigures.FailureReason> reasons(
      Handle handle, long releaseId, Channel channel, long from) {
    Query query =
        handle
            .createQuery(
                """
                SELECT type, reason, COUNT(*) AS n FROM client_events
                WHERE release_id = :release AND occurred_at >= :since AND reason IS NOT NULL
                  AND type IN ('download_failed', 'install_failed', 'reverted', 'crashed_on_start')
                  %s
                GROUP BY type, reason
                ORDER BY n DESC, type, reason
                LIMIT %d
                """
                    .formatted(filters(null, channel), TOP_REASONS))
            .bind("release", releaseId)
            .bind("since", from);
    bindFilters(query, null, channel);
    return query
        .map(
            (rows, ctx) ->
                new ReleaseFigures.FailureReason(
                    rows.getString("type"), rows.getString("reason"), rows.getLong("n")))
        .list();
  }

  /** SQL for {@code column}'s version text up to its {@code +build} part. */
  private String withoutBuild(String column) {
    return dialect == Dialect.SQLITE
        ? "CASE WHEN instr(%1$s, '+') > 0 THEN substr(%1$s, 1, instr(%1$s, '+') - 1) ELSE %1$s END"
            .formatted(column)
        : "split_part(%s, '+', 1)".formatted(column);
  }

  private static long checksFrom(Handle handle, long from) {
    return IdBoundary.firstIdFrom(handle, IdBoundary.Table.UPDATE_CHECKS, from);
  }

  /** SQL conditions for the optional filters; values are bound by {@link #bindFilters}. */
  private static String filters(Platform platform, Channel channel) {
    return (platform == null ? "" : " AND platform = :platform")
        + (channel == null ? "" : " AND channel = :channel");
  }

  private static void bindFilters(Query query, Platform platform, Channel channel) {
    if (platform != null) {
      query.bind("platform", platform.name());
    }
    if (channel != null) {
      query.bind("channel", channel.wireName());
    }
  }
}
