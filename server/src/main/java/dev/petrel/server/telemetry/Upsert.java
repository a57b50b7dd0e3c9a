package dev.petrel.server.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One multi-row {@code INSERT ... VALUES (...), (...) ON CONFLICT ...} statement over rows of
 * strings and longs (never null), cut into chunks that stay under both databases' parameter limits.
 * The same SQL runs on SQLite and PostgreSQL. Immutable.
 *
 * <p>Callers pass rows without two of the same conflict key and in a stable order: PostgreSQL
 * refuses to update one row twice in a statement, and a stable order makes concurrent writers on
 * several nodes lock rows in the same order.
 */
final class Upsert {
  private static final int MAX_PARAMETERS = 30_000;

  private final String head;
  private final String row;
  private final String tail;
  private final int columns;

  /**
   * @param head {@code INSERT INTO table (a, b, c)}
   * @param columns how many columns each row binds
   * @param tail what follows the rows: {@code ON CONFLICT ...} and optionally {@code RETURNING}
   */
  Upsert(String head, int columns, String tail) {
    this.head = head + " VALUES ";
    this.row = "(" + "?, ".repeat(columns - 1) + "?)";
    this.tail = " " + tail;
    this.columns = columns;
  }

  /** Runs the statement over {@code rows}; returns the rows it inserted or updated. */
  int execute(Connection connection, List<Object[]> rows) throws SQLException {
    int changed = 0;
    for (List<Object[]> chunk : chunks(rows)) {
      try (PreparedStatement statement = prepare(connection, chunk)) {
        changed += statement.executeUpdate();
      }
    }
    return changed;
  }

  /**
   * Runs the statement, whose tail ends with {@code RETURNING} of {@code returned} columns, and
   * returns those columns (as strings) of every row it inserted or updated.
   */
  List<String[]> returning(Connection connection, List<Object[]> rows, int returned)
      throws SQLException {
    List<String[]> out = new ArrayList<>();
    for (List<Object[]> chunk : chunks(rows)) {
      try (PreparedStatement statement = prepare(connection, chunk);
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String[] values = new String[returned];
          for (int i = 0; i < returned; i++) {
            values[i] = result.getString(i + 1);
          }
          out.add(values);
        }
      }
    }
    return out;
  }

  private List<List<Object[]>> chunks(List<Object[]> rows) {
    int size = MAX_PARAMETERS / columns;
    List<List<Object[]>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
    }
    return chunks;
  }

  private PreparedStatement prepare(Connection connection, List<Object[]> chunk)
      throws SQLException {
    StringBuilder sql = new StringBuilder(head.length() + chunk.size() * (row.length() + 2) + 200);
    sql.append(head);
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    PreparedStatement statement = connection.prepareStatement(sql.append(tail).toString());
    try {
      int index = 1;
      for (Object[] values : chunk) {
        for (Object value : values) {
          if (value instanceof Long number) {
            statement.setLong(index++, number);
          } else {
            statement.setString(index++, (String) value);
          }
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
