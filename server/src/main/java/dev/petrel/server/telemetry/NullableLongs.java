package dev.petrel.server.telemetry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binding an optional number (a version code, a release id) to a statement parameter. */
final class NullableLongs {
  private NullableLongs() {}

  /** Binds {@code value} to parameter {@code index}, or SQL {@code NULL} when it is null. */
  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
