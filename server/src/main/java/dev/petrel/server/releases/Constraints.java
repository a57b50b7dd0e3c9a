package dev.petrel.server.releases;

import java.sql.SQLException;

/** Recognises a unique-constraint violation on either database. */
final class Constraints {
  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
  private static final int SQLITE_CONSTRAINT = 19;

  private Constraints() {}

  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        if (POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
          return true;
        }
        if (sql.getErrorCode() == SQLITE_CONSTRAINT
            && String.valueOf(sql.getMessage()).contains("UNIQUE")) {
          return true;
        }
      }
    }
    return false;
  }
}
