package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * How often one release crashed once it ran, from the {@code app_started} and {@code app_crashed}
 * events its devices reported in a window.
 *
 * <p>A session is one {@code app_started}; a crash is one {@code app_crashed}. Sessions are at
 * least the crashes (a crash whose start was not reported still was a session). A device counts
 * when it reported either event, and is crash-free when it reported no crash.
 *
 * @param sessions sessions in the window
 * @param crashes crashes in the window
 * @param crashFreeSessionsBasisPoints {@code (sessions - crashes) * 10000 / sessions} rounded down,
 *     or null without sessions
 * @param devices devices (with a device id) that reported a session or a crash
 * @param crashedDevices devices among them that reported a crash
 * @param crashFreeDevicesBasisPoints {@code (devices - crashedDevices) * 10000 / devices} rounded
 *     down, or null without devices
 */
public record CrashFree(
    long sessions,
    long crashes,
    Integer crashFreeSessionsBasisPoints,
    long devices,
    long crashedDevices,
    Integer crashFreeDevicesBasisPoints) {

  /** The figures from raw counts, applying the rules of the class comment. */
  public static CrashFree of(long started, long crashes, long devices, long crashedDevices) {
    long sessions = Math.max(started, crashes);
    return new CrashFree(
        sessions,
        crashes,
        sessions == 0 ? null : (int) ((sessions - crashes) * 10_000 / sessions),
        devices,
        crashedDevices,
        devices == 0 ? null : (int) ((devices - crashedDevices) * 10_000 / devices));
  }

  /** Reads the figures of {@code releaseId} from {@code from} (epoch milliseconds) on. */
  static CrashFree read(Handle handle, String app, long releaseId, Channel channel, long from) {
    long day = Figures.day(from);
    Query sums =
        handle
            .createQuery(
                """
                SELECT
                  COALESCE(SUM(CASE WHEN metric = 'app_started' THEN n ELSE 0 END), 0) AS started,
                  COALESCE(SUM(CASE WHEN metric = 'app_crashed' THEN n ELSE 0 END), 0) AS crashes
                FROM telemetry_daily
                WHERE release_id = :release AND day >= :day
                  AND metric IN ('app_started', 'app_crashed') %s
                """
                    .formatted(Figures.channelFilter(channel)))
            .bind("release", releaseId)
            .bind("day", day);
    Figures.bindChannel(sums, channel);
    long[] counts =
        sums.map((rows, ctx) -> new long[] {rows.getLong("started"), rows.getLong("crashes")})
            .one();
    List<String> subject = List.of(Long.toString(releaseId));
    return of(
        counts[0],
        counts[1],
        Figures.devices(handle, app, "s", subject, channel, day),
        Figures.devices(handle, app, "c", subject, channel, day));
  }
}
