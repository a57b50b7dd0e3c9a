package db.migration;

import dev.petrel.server.telemetry.TelemetryBackfill;
import dev.petrel.server.updates.CatalogueListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 *   <li>Fills the telemetry aggregates of V12 from the raw rows already stored ({@link
 *       TelemetryBackfill}); it reads every raw row once, so on a large database it takes a while.
 * </ol>
 */
public final class V13__catalogue_notify_and_telemetry_backfill extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      createNotifyTrigger(connection);
    }
    TelemetryBackfill.run(connection);
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
