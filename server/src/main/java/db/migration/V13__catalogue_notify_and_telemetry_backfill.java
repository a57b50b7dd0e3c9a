package db.migration;

import dev.petrel.server.db.Dialect;
import dev.petrel.server.telemetry.TelemetryBackfill;
import dev.petrel.server.updates.CatalogueListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Two things that SQL alone cannot say once for both databases (and the table the second needs
 * since V16):
 *
 * <ol>
 *   <li>On PostgreSQL, a trigger that sends {@code NOTIFY petrel_catalogue} whenever the catalogue
 *       revision changes, delivered when the changing transaction commits, so that every node's
 *       {@link CatalogueListener} reloads at once (SQLite has one node and needs none).
 *   <li>Fills the telemetry aggregates of V12 from the raw rows already stored ({@link
 *       TelemetryBackfill}); it reads every raw row once, so on a large database it takes a while.
 * </ol>
 */
public final class V13__catalogue_notify_and_telemetry_backfill extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (Dialect.of(connection) == Dialect.POSTGRESQL) {
      createNotifyTrigger(connection);
    }
    if (hasRawRows(connection)) {
      // The backfill writes device_adoption, a table of V16; a new database has no raw rows.
      V16__device_adoption.createTable(connection);
    }
    TelemetryBackfill.run(connection);
  }

  private static boolean hasRawRows(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT 1 FROM update_checks UNION ALL SELECT 1 FROM client_events LIMIT 1")) {
      return rows.next();
    }
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
}
