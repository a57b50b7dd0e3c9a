package db.migration;

import dev.petrel.server.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * One adoption row per device and subject instead of one {@code device_marks} row per channel plus
 * one for all channels ({@code *}): the check writer upserted two marks of kind {@code a} for every
 * device seen, about a fifth of its work on PostgreSQL (docs/BENCHMARKS.md, "Check telemetry writer
 * with aggregates"). A {@code device_adoption} row holds the last day the device was seen running
 * the subject (platform and version without build) and the channels it was seen in on that day, as
 * {@code ,stable,beta,}. Its upsert tells both first sightings under the one row lock: a new day is
 * the device's first of the day over all channels and in its channel; the same day with a channel
 * not yet in the list is its first in that channel only. Days are UTC days since 1970-01-01.
 *
 * <p>The stored adoption marks become such rows in one pass, then are deleted. Java rather than SQL
 * for the one place the table is defined ({@link #createTable}, which V13 calls too) and for the
 * aggregate that joins the channels, which the two databases name differently.
 */
public final class V16__device_adoption extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    createTable(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute(mergeMarks(Dialect.of(connection).stringAggregate()));
      statement.execute("DELETE FROM device_marks WHERE kind = 'a'");
    }
  }

  /**
   * Creates {@code device_adoption} and its index unless they exist. V13's backfill folds raw rows
   * through today's telemetry rollup, which writes this table, so V13 creates it first when it has
   * raw rows to fold; V16 then finds it, with no adoption marks left to merge.
   */
  static void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          """
          CREATE TABLE IF NOT EXISTS device_adoption (
            app_id     VARCHAR(63)   NOT NULL,
            subject    VARCHAR(100)  NOT NULL,
            device_id  VARCHAR(128)  NOT NULL,
            day        BIGINT        NOT NULL,
            channels   TEXT          NOT NULL,
            CONSTRAINT device_adoption_key PRIMARY KEY (app_id, subject, device_id)
          )
          """);
      statement.execute(
          "CREATE INDEX IF NOT EXISTS device_adoption_by_day ON device_adoption (day)");
    }
  }

  /**
   * A device's adoption marks are one per channel and one for all channels, each holding the last
   * day it was seen so; the all-channels day is the latest of its channels' days, and the channels
   * it was seen in on that day are those whose mark holds it. One pass over the marks, sorted per
   * device (a window function).
   */
  private static String mergeMarks(String stringAgg) {
    return """
        INSERT INTO device_adoption (app_id, subject, device_id, day, channels)
        SELECT app_id, subject, device_id, day, ',' || %s(channel, ',') || ','
        FROM (
          SELECT app_id, subject, device_id, channel, day,
            MAX(day) OVER (PARTITION BY app_id, subject, device_id) AS last_day
          FROM device_marks
          WHERE kind = 'a' AND channel <> '*'
        ) marks
        WHERE day = last_day
        GROUP BY app_id, subject, device_id, day
        """
        .formatted(stringAgg);
  }
}
