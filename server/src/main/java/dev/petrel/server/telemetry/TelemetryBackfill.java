package dev.petrel.server.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds the telemetry aggregates from raw rows already stored (migration V13), through the same
 * {@link TelemetryRollup} the writers use, so old and new rows are summed alike.
 *
 * <p>Checks and client events are read in id order, {@value #CHUNK} at a time each, and merged by
 * server time ({@code checked_at}, {@code received_at}): a device's first sighting of a day is told
 * by the day its mark last moved to, so sightings must arrive in time order, as they do live. Each
 * raw row is read once.
 */
public final class TelemetryBackfill {
  private static final int CHUNK = 5_000;

  private TelemetryBackfill() {}

  /** Backfills on {@code connection}, in its transaction. */
  public static void run(Connection connection) throws SQLException {
    Cursor<CheckEvent> checks = new Cursor<>(connection, CHECKS, TelemetryBackfill::check);
    Cursor<ClientEvent> events = new Cursor<>(connection, EVENTS, TelemetryBackfill::event);
    TelemetryRollup rollup = new TelemetryRollup();
    int added = 0;
    while (checks.peek() != null || events.peek() != null) {
      CheckEvent check = checks.peek();
      ClientEvent event = events.peek();
      if (event == null || check != null && !check.checkedAt().isAfter(event.receivedAt())) {
        rollup.check(checks.take());
      } else {
        rollup.event(events.take());
      }
      if (++added == CHUNK) {
        rollup.write(connection);
        rollup = new TelemetryRollup();
        added = 0;
      }
    }
    rollup.write(connection);
  }

  private static final String CHECKS =
      """
      SELECT id, app_id, platform, channel, device_id, current_version, current_version_code,
        offered_release_id, offered_version, checked_at
      FROM update_checks WHERE id > ? ORDER BY id LIMIT %d
      """
          .formatted(CHUNK);

  private static final String EVENTS =
      """
      SELECT id, app_id, event_id, type, platform, channel, version, version_code, release_id,
        from_version, from_version_code, device_id, reason, occurred_at, received_at
      FROM client_events WHERE id > ? ORDER BY id LIMIT %d
      """
          .formatted(CHUNK);

  /** Reads one row as a value; null to skip it. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Rows of one table in id order, fetched a chunk at a time. */
  private static final class Cursor<T> {
    private final Connection connection;
    private final String sql;
    private final RowReader<T> reader;
    private final Deque<T> buffer = new ArrayDeque<>();
    private long after;
    private boolean exhausted;

    Cursor(Connection connection, String sql, RowReader<T> reader) {
      this.connection = connection;
      this.sql = sql;
      this.reader = reader;
    }

    T peek() throws SQLException {
      while (buffer.isEmpty() && !exhausted) {
        fetch();
      }
      return buffer.peekFirst();
    }

    T take() throws SQLException {
      peek();
      return buffer.pollFirst();
    }

    private void fetch() throws SQLException {
      int read = 0;
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setLong(1, after);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            read++;
            after = rows.getLong("id");
            T value = reader.read(rows);
            if (value != null) {
              buffer.addLast(value);
            }
          }
        }
      }
      exhausted = read < CHUNK;
    }
  }

  private static CheckEvent check(ResultSet rows) throws SQLException {
    return new CheckEvent(
        rows.getString("app_id"),
        rows.getString("platform"),
        rows.getString("channel"),
        rows.getString("device_id"),
        rows.getString("current_version"),
        longOrNull(rows, "current_version_code"),
        longOrNull(rows, "offered_release_id"),
        rows.getString("offered_version"),
        Instant.ofEpochMilli(rows.getLong("checked_at")));
  }

  private static ClientEvent event(ResultSet rows) throws SQLException {
    ClientEventType type = ClientEventType.fromWire(rows.getString("type"));
    if (type == null) {
      return null;
    }
    return new ClientEvent(
        rows.getString("app_id"),
        rows.getString("event_id"),
        type,
        rows.getString("platform"),
        rows.getString("channel"),
        rows.getString("version"),
        rows.getLong("version_code"),
        longOrNull(rows, "release_id"),
        rows.getString("from_version"),
        longOrNull(rows, "from_version_code"),
        rows.getString("device_id"),
        rows.getString("reason"),
        Instant.ofEpochMilli(rows.getLong("occurred_at")),
        Instant.ofEpochMilli(rows.getLong("received_at")));
  }

  private static Long longOrNull(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
