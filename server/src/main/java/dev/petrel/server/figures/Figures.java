package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.ClientEventType;
import dev.petrel.server.telemetry.TelemetryRollup;
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
 * Reads adoption and per-release figures from the telemetry aggregates ({@code telemetry_daily},
 * {@code telemetry_reasons} and {@code device_marks}, kept by {@link TelemetryRollup}), never from
 * the raw rows, so their cost grows with days, versions and devices but not with checks or events,
 * and they stay whole after the raw rows are pruned. Windows are whole UTC days: the last {@code
 * days} days including today. They equal what the raw rows of the window give ({@code
 * AggregateFiguresPropertyTest}). Thread-safe.
 */
public final class Figures {
  /** The longest window, in days. */
  public static final int MAX_DAYS = 90;

  /** How many failure reasons a release's figures list. */
  static final int TOP_REASONS = 10;

  private final Jdbi jdbi;
  private final Clock clock;

  public Figures(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
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
   * checked for updates while running that version, or reported {@code install_succeeded} for it
   * (on the day the server received it). Versions are shown without build metadata ({@code 1.1.0+2}
   * counts as {@code 1.1.0}), so a device counts once whichever way it spelled its version. Read
   * from the daily aggregates: one row per day, platform, channel and version.
   *
   * @param platform only this platform, or null for all
   * @param channel only devices in this channel, or null for all (a device seen in two channels
   *     that day counts once)
   */
  public List<AdoptionRow> adoption(String app, Platform platform, Channel channel, Instant since) {
    String sql =
        """
        SELECT day, platform, version, SUM(n) AS devices FROM telemetry_daily
        WHERE app_id = :app AND day >= :since_day AND metric = 'devices'
          AND channel = :channel %s
        GROUP BY day, platform, version
        ORDER BY day, platform, version
        """
            .formatted(platform == null ? "" : "AND platform = :platform");
    return jdbi.withHandle(
        handle -> {
          Query query =
              handle
                  .createQuery(sql)
                  .bind("app", app)
                  .bind("since_day", TelemetryRollup.day(since))
                  .bind(
                      "channel",
                      channel == null ? TelemetryRollup.ALL_CHANNELS : channel.wireName());
          if (platform != null) {
            query.bind("platform", platform.name());
          }
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
   * The crash-free figures of release {@code releaseId} of {@code app} since {@code since}.
   *
   * @param channel only events from devices in this channel, or null for all
   */
  public CrashFree crashFree(String app, long releaseId, Channel channel, Instant since) {
    return jdbi.withHandle(
        handle -> CrashFree.read(handle, app, releaseId, channel, since.toEpochMilli()));
  }

  private static long[] checks(Handle handle, Release release, Channel channel, long from) {
    long day = day(from);
    Query sums =
        handle
            .createQuery(
                """
                SELECT
                  COALESCE(SUM(CASE WHEN version_code = :code
                    OR (version_code = 0 AND version = :version) THEN n ELSE 0 END), 0) AS checks,
                  COALESCE(SUM(CASE WHEN release_id = :release THEN n ELSE 0 END), 0) AS offers
                FROM telemetry_daily
                WHERE app_id = :app AND day >= :day AND metric = 'checks' AND platform = :platform
                  %s
                """
                    .formatted(channelFilter(channel)))
            .bind("app", release.appId().name())
            .bind("day", day)
            .bind("platform", release.platform().name())
            .bind("release", release.id())
            .bind("code", release.versionCode())
            .bind("version", release.version().toString());
    bindChannel(sums, channel);
    long[] counts =
        sums.map((rows, ctx) -> new long[] {rows.getLong("checks"), rows.getLong("offers")}).one();
    String platform = release.platform().name();
    long devices =
        devices(
            handle,
            release.appId().name(),
            "r",
            List.of(
                TelemetryRollup.ranSubject(platform, release.versionCode(), null),
                TelemetryRollup.ranSubject(platform, null, release.version().toString())),
            channel,
            day);
    long offered =
        devices(handle, release.appId().name(), "o", List.of(release.id() + ""), channel, day);
    return new long[] {counts[0], devices, counts[1], offered};
  }

  /**
   * Distinct devices with a mark of {@code kind} on any of {@code subjects} last touched on or
   * after {@code day}: reads one index range per subject, one entry per device.
   */
  static long devices(
      Handle handle, String app, String kind, List<String> subjects, Channel channel, long day) {
    Query query =
        handle
            .createQuery(
                """
                SELECT COUNT(DISTINCT device_id) FROM device_marks
                WHERE app_id = :app AND kind = :kind AND subject IN (<subjects>) AND day >= :day %s
                """
                    .formatted(channelFilter(channel)))
            .bind("app", app)
            .bind("kind", kind)
            .bindList("subjects", subjects)
            .bind("day", day);
    bindChannel(query, channel);
    return query.mapTo(Long.class).one();
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
                SELECT metric, SUM(n) AS n FROM telemetry_daily
                WHERE release_id = :release AND day >= :day
                  AND metric NOT IN ('checks', 'devices', 'delta_applied_from') %s
                GROUP BY metric
                """
                    .formatted(channelFilter(channel)))
            .bind("release", releaseId)
            .bind("day", day(from));
    bindChannel(query, channel);
    query
        .map((rows, ctx) -> Map.entry(rows.getString("metric"), rows.getLong("n")))
        .forEach(entry -> counts.computeIfPresent(entry.getKey(), (k, v) -> entry.getValue()));
    return counts;
  }

  private static List<ReleaseFigures.FailureReason> reasons(
      Handle handle, long releaseId, Channel channel, long from) {
    Query query =
        handle
            .createQuery(
                """
                SELECT type, reason, SUM(n) AS n FROM telemetry_reasons
                WHERE release_id = :release AND day >= :day AND type <> 'delta_failed' %s
                GROUP BY type, reason
                ORDER BY n DESC, type, reason
                LIMIT %d
                """
                    .formatted(channelFilter(channel), TOP_REASONS))
            .bind("release", releaseId)
            .bind("day", day(from));
    bindChannel(query, channel);
    return query
        .map(
            (rows, ctx) ->
                new ReleaseFigures.FailureReason(
                    rows.getString("type"), rows.getString("reason"), rows.getLong("n")))
        .list();
  }

  /** The UTC day of {@code millis}. */
  static long day(long millis) {
    return TelemetryRollup.day(Instant.ofEpochMilli(millis));
  }

  /** SQL for the optional channel filter; its value is bound by {@link #bindChannel}. */
  static String channelFilter(Channel channel) {
    return channel == null ? "" : " AND channel = :channel";
  }

  static void bindChannel(Query query, Channel channel) {
    if (channel != null) {
      query.bind("channel", channel.wireName());
    }
  }
}
