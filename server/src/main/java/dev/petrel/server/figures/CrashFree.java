package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
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
  static CrashFree read(Handle handle, long releaseId, Channel channel, long from) {
    Query query =
        handle
            .createQuery(
                """
                SELECT
                  COALESCE(SUM(CASE WHEN type = 'app_started' THEN 1 ELSE 0 END), 0) AS started,
                  COALESCE(SUM(CASE WHEN type = 'app_crashed' THEN 1 ELSE 0 END), 0) AS crashes,
                  COUNT(DISTINCT device_id) AS devices,
                  COUNT(DISTINCT CASE WHEN type = 'app_crashed' THEN device_id END) AS crashed
                FROM client_events
                WHERE release_id = :release AND occurred_at >= :since
                  AND type IN ('app_started', 'app_crashed') %s
                """
                    .formatted(channel == null ? "" : "AND channel = :channel"))
            .bind("release", releaseId)
            .bind("since", from);
    if (channel != null) {
      query.bind("channel", channel.wireName());
    }
    return query
        .map(
            (rows, ctx) ->
                of(
                    rows.getLong("started"),
                    rows.getLong("crashes"),
                    rows.getLong("devices"),
                    rows.getLong("crashed")))
        .one();
  }
}
