package dev.petrel.server.figures;

import dev.petrel.server.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures as the raw {@code update_checks} and {@code client_events} rows give them: the
 * queries the figures ran before they read aggregates, kept as the oracle that the aggregates must
 * equal. Plain JDBC, one connection per call; for tests only (it scans whole tables).
 */
final class RawFigures {
  private static final long DAY = 86_400_000L;

  private final String jdbcUrl;
  private final TestDatabase database;

  RawFigures(String jdbcUrl, TestDatabase database) {
    this.jdbcUrl = jdbcUrl;
    this.database = database;
  }

  /** Adoption rows as {@code day|platform|version|devices}, ordered as the API orders them. */
  List<String> adoption(long since, String platform, String channel) throws SQLException {
    String filters =
        (platform == null ? "" : " AND platform = '" + platform + "'")
            + (channel == null ? "" : " AND channel = '" + channel + "'");
    String sql =
        """
        SELECT day, platform, version, COUNT(DISTINCT device_id) AS devices FROM (
          SELECT checked_at / %1$d AS day, platform, %3$s AS version, device_id
          FROM update_checks
          WHERE checked_at >= %5$d AND app_id = 'default' AND device_id IS NOT NULL %2$s
          UNION ALL
          SELECT received_at / %1$d AS day, platform, %4$s AS version, device_id
          FROM client_events
          WHERE received_at >= %5$d AND app_id = 'default'
            AND type = 'install_succeeded' AND device_id IS NOT NULL %2$s
        ) seen
        GROUP BY day, platform, version
        ORDER BY day, platform, version
        """
            .formatted(
                DAY, filters, withoutBuild("current_version"), withoutBuild("version"), since);
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        ResultSet result = connection.createStatement().executeQuery(sql)) {
      while (result.next()) {
        rows.add(
            java.time.LocalDate.ofEpochDay(result.getLong(1))
                + "|"
                + result.getString(2)
                + "|"
                + result.getString(3)
                + "|"
                + result.getLong(4));
      }
    }
    return rows;
  }

  /**
   * A release's figures as {@code name -> value}: checks, devices, offers, offered_devices, each
   * event type, the top reasons as {@code reason:<type>:<reason>} with their counts in order, and
   * the crash-free counts, and the delta figures ({@code delta:<field>}, {@code
   * delta_reason:<rank>:<reason>}).
   */
  Map<String, Object> release(
      long id, String platform, String version, long code, long since, String channel)
      throws SQLException {
    String byChannel = channel == null ? "" : " AND channel = '" + channel + "'";
    String runs =
        "(current_version_code = %d OR (current_version_code IS NULL AND current_version = '%s'))"
            .formatted(code, version);
    Map<String, Object> out = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      long[] checks =
          longs(
              connection,
              """
              SELECT
                COALESCE(SUM(CASE WHEN %1$s THEN 1 ELSE 0 END), 0),
                COUNT(DISTINCT CASE WHEN %1$s THEN device_id END),
                COALESCE(SUM(CASE WHEN offered_release_id = %2$d THEN 1 ELSE 0 END), 0),
                COUNT(DISTINCT CASE WHEN offered_release_id = %2$d THEN device_id END)
              FROM update_checks
              WHERE checked_at >= %3$d AND app_id = 'default' AND platform = '%4$s' %5$s
              """
                  .formatted(runs, id, since, platform, byChannel),
              4);
      out.put("checks", checks[0]);
      out.put("devices", checks[1]);
      out.put("offers", checks[2]);
      out.put("offered_devices", checks[3]);
      String events =
          "FROM client_events WHERE release_id = %d AND occurred_at >= %d %s"
              .formatted(id, since, byChannel);
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery("SELECT type, COUNT(*) " + events + " GROUP BY type ORDER BY type")) {
        while (rows.next()) {
          out.put("event:" + rows.getString(1), rows.getLong(2));
        }
      }
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery(
                  "SELECT type, reason, COUNT(*) AS n "
                      + events
                      + " AND reason IS NOT NULL AND type IN ('download_failed', 'install_failed',"
                      + " 'reverted', 'crashed_on_start') GROUP BY type, reason"
                      + " ORDER BY n DESC, type, reason LIMIT 10")) {
        int rank = 0;
        while (rows.next()) {
          out.put(
              "reason:" + rank++ + ":" + rows.getString(1) + ":" + rows.getString(2),
              rows.getLong(3));
        }
      }
      long[] crash =
          longs(
              connection,
              """
              SELECT
                COALESCE(SUM(CASE WHEN type = 'app_started' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN type = 'app_crashed' THEN 1 ELSE 0 END), 0),
                COUNT(DISTINCT device_id),
                COUNT(DISTINCT CASE WHEN type = 'app_crashed' THEN device_id END)
              """
                  + events
                  + " AND type IN ('app_started', 'app_crashed')",
              4);
      out.put("crash:sessions", Math.max(crash[0], crash[1]));
      out.put("crash:crashes", crash[1]);
      out.put("crash:devices", crash[2]);
      out.put("crash:crashed_devices", crash[3]);
      deltas(connection, events, out);
    }
    return out;
  }

  /**
   * The delta figures as {@code DeltaFigures} counted them from raw events before it read the
   * aggregates: each {@code delta_applied} priced at the size of the release's patch from its
   * {@code from_version_code}, unsized without one; {@code delta_failed} events and their reasons.
   */
  private static void deltas(Connection connection, String events, Map<String, Object> out)
      throws SQLException {
    long[] applied =
        longs(
            connection,
            """
            SELECT COUNT(*), COALESCE(SUM(size), 0),
              COALESCE(SUM(CASE WHEN size IS NULL THEN 1 ELSE 0 END), 0)
            FROM (SELECT (SELECT MAX(d.patch_size) FROM deltas d
                          WHERE d.release_id = e.release_id
                            AND d.from_version_code = e.from_version_code) AS size
                  %s AND type = 'delta_applied') applied
            """
                .formatted(events.replace("FROM client_events", "FROM client_events e")),
            3);
    long[] other =
        longs(
            connection,
            "SELECT COALESCE(SUM(CASE WHEN type = 'download_completed' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN type = 'delta_failed' THEN 1 ELSE 0 END), 0) "
                + events,
            2);
    out.put("delta:patch_deliveries", applied[0]);
    out.put("delta:patch_bytes", applied[1]);
    out.put("delta:unsized_patch_deliveries", applied[2]);
    out.put("delta:full_downloads", other[0]);
    out.put("delta:delta_failed", other[1]);
    try (ResultSet rows =
        connection
            .createStatement()
            .executeQuery(
                "SELECT reason, COUNT(*) AS n "
                    + events
                    + " AND type = 'delta_failed' AND reason IS NOT NULL"
                    + " GROUP BY reason ORDER BY n DESC, reason LIMIT 10")) {
      int rank = 0;
      while (rows.next()) {
        out.put("delta_reason:" + rank++ + ":" + rows.getString(1), rows.getLong(2));
      }
    }
  }

  private static long[] longs(Connection connection, String sql, int count) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      long[] values = new long[count];
      for (int i = 0; i < count; i++) {
        values[i] = rows.getLong(i + 1);
      }
      return values;
    }
  }

  private String withoutBuild(String column) {
    return database == TestDatabase.SQLITE
        ? "CASE WHEN instr(%1$s, '+') > 0 THEN substr(%1$s, 1, instr(%1$s, '+') - 1) ELSE %1$s END"
            .formatted(column)
        : "split_part(%s, '+', 1)".formatted(column);
  }
}
