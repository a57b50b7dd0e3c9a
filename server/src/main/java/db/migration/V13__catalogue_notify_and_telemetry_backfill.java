package db.migration;

import dev.petrel.server.telemetry.CheckEvent;
import dev.petrel.server.telemetry.ClientEvent;
import dev.petrel.server.telemetry.ClientEventType;
import dev.petrel.server.telemetry.TelemetryRollup;
import dev.petrel.server.updates.CatalogueListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Two things that SQL alone cannot say once for both databases:
 *
 * <ol>
 *   <li>On PostgreSQL, a trigger that sends {@code NOTIFY petrel_catalogue} whenever the catalogue
 *       revision changes, delivered when the changing transaction commits, so that every node's
 *       {@link CatalogueListener} reloads at once (SQLite has one node and needs none).
 *   <li>Backfills the telemetry aggregates of V12 from the raw rows already stored, through the
 *       same {@link TelemetryRollup} the writers use, so old and new rows are summed alike. It
 *       reads each raw row once, in id order, {@value #CHUNK} rows at a time.
 * </ol>
 */
public final class V13__catalogue_notify_and_telemetry_backfill extends BaseJavaMigration {
  private static final int CHUNK = 5_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (connection
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(Locale.ROOT)
        .contains("postgres")) {
      createNotifyTrigger(connection);
    }
    backfillChecks(connection);
    backfillEvents(connection);
  }

  private static void createNotifyTrigger(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          """
          CREATE FUNCTION petrel_catalogue_notify() RETURNS trigger AS $$
          BEGIN
            PERFORM pg_notify('%s', NEW.revision::text);
            RETURN NEW;
          END;
          $$ LANGUAGE plpgsql
          """
              .formatted(CatalogueListener.CHANNEL));
      statement.execute(
          """
          CREATE TRIGGER catalogue_revision_notify AFTER UPDATE ON catalogue_revision
          FOR EACH ROW EXECUTE FUNCTION petrel_catalogue_notify()
          """);
    }
  }

  private static void backfillChecks(Connection connection) throws SQLException {
    String sql =
        """
        SELECT id, app_id, platform, channel, device_id, current_version, current_version_code,
          offered_release_id, offered_version, checked_at
        FROM update_checks WHERE id > ? ORDER BY id LIMIT %d
        """
            .formatted(CHUNK);
    long after = 0;
    while (true) {
      TelemetryRollup rollup = new TelemetryRollup();
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setLong(1, after);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            after = rows.getLong("id");
            rollup.check(
                new CheckEvent(
                    rows.getString("app_id"),
                    rows.getString("platform"),
                    rows.getString("channel"),
                    rows.getString("device_id"),
                    rows.getString("current_version"),
                    longOrNull(rows, "current_version_code"),
                    longOrNull(rows, "offered_release_id"),
                    rows.getString("offered_version"),
                    Instant.ofEpochMilli(rows.getLong("checked_at"))));
          }
        }
      }
      if (rollup.isEmpty()) {
        return;
      }
      rollup.write(connection);
    }
  }

  private static void backfillEvents(Connection connection) throws SQLException {
    String sql =
        """
        SELECT id, app_id, event_id, type, platform, channel, version, version_code, release_id,
          from_version, from_version_code, device_id, reason, occurred_at, received_at
        FROM client_events WHERE id > ? ORDER BY id LIMIT %d
        """
            .formatted(CHUNK);
    long after = 0;
    while (true) {
      TelemetryRollup rollup = new TelemetryRollup();
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        query.setLong(1, after);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            after = rows.getLong("id");
            ClientEventType type = ClientEventType.fromWire(rows.getString("type"));
            if (type != null) {
              rollup.event(event(rows, type));
            }
          }
        }
      }
      if (rollup.isEmpty()) {
        return;
      }
      rollup.write(connection);
    }
  }

  private static ClientEvent event(ResultSet rows, ClientEventType type) throws SQLException {
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
