package dev.petrel.server.figures;

import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * Finds where a time range starts in an append-only event table that has no time index, by binary
 * search over its primary key. Those tables ({@code update_checks}, {@code client_events}) are
 * written in arrival order by one writer per node, so their ids grow with the server's time column;
 * a time range is an id range, and its first id takes about 2·log2(rows) primary-key lookups to
 * find, where a scan from the start would read every row ever written.
 *
 * <p>Ids and times are not in perfect step: a batch may be written a little after it was stamped,
 * and with several nodes each writer's batches interleave. So the search aims {@link #SLACK} early
 * and callers also filter on the time column; rows written more than that late after their stamp
 * can be missed at the very start of a range.
 */
final class IdBoundary {
  /** How far before the wanted time the search aims. */
  static final Duration SLACK = Duration.ofMinutes(10);

  /** The two tables searched; their names are never taken from input. */
  enum Table {
    UPDATE_CHECKS("update_checks", "checked_at"),
    CLIENT_EVENTS("client_events", "received_at");

    private final String name;
    private final String timeColumn;

    Table(String name, String timeColumn) {
      this.name = name;
      this.timeColumn = timeColumn;
    }
  }

  private IdBoundary() {}

  /**
   * The smallest id whose row, and every later one, was stamped at or after {@code millis} minus
   * {@link #SLACK}; larger than every id when no row is.
   */
  static long firstIdFrom(Handle handle, Table table, long millis) {
    long target = millis - SLACK.toMillis();
    Long max = handle.createQuery("SELECT MAX(id) FROM " + table.name).mapTo(Long.class).one();
    if (max == null) {
      return 1;
    }
    long low = handle.createQuery("SELECT MIN(id) FROM " + table.name).mapTo(Long.class).one();
    long high = max + 1;
    String probe =
        "SELECT id, "
            + table.timeColumn
            + " FROM "
            + table.name
            + " WHERE id >= :from ORDER BY id LIMIT 1";
    while (low < high) {
      long middle = low + (high - low) / 2;
      long[] row =
          handle
              .createQuery(probe)
              .bind("from", middle)
              .map((rows, ctx) -> new long[] {rows.getLong(1), rows.getLong(2)})
              .one();
      if (row[1] < target) {
        low = row[0] + 1; // every row up to row[0] is older: the boundary lies after it
      } else {
        high = middle;
      }
    }
    return low;
  }
}
