package dev.petrel.server.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.db.Database;
import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The first id of a time range, found by binary search over ids with gaps and ties. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class IdBoundaryTest {
  private static final long MINUTE = 60_000;
  private static final long SLACK = IdBoundary.SLACK.toMillis();

  @Parameter TestDatabase kind;
  @TempDir Path dir;
  private TestDatabase.Prepared prepared;
  private Database database;

  @BeforeEach
  void open() {
    prepared = kind.prepare(dir);
    database = Database.open(prepared.jdbcUrl());
  }

  /** Both are null when {@link #open} was skipped (no PostgreSQL configured). */
  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
    if (prepared != null) {
      prepared.cleanup().run();
    }
  }

  private void check(long id, long at) {
    database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO update_checks (id, app_id, platform, channel, current_version,"
                        + " checked_at) VALUES (?, 'default', 'android', 'stable', '1.0.0', ?)",
                    id,
                    at));
  }

  private long boundary(long millis) {
    return database
        .jdbi()
        .withHandle(
            handle -> IdBoundary.firstIdFrom(handle, IdBoundary.Table.UPDATE_CHECKS, millis));
  }

  @Test
  void findsTheFirstRowOfAWindowAcrossGapsInTheIds() {
    long[][] rows = {{3, 0}, {4, 10}, {9, 20}, {10, 20}, {11, 30}, {40, 40}, {41, 50}, {100, 60}};
    for (long[] row : rows) {
      check(row[0], SLACK + row[1] * MINUTE);
    }

    assertThat(boundary(SLACK)).isEqualTo(3); // the search aims SLACK early
    assertThat(boundary(SLACK + SLACK + 20 * MINUTE)).isLessThanOrEqualTo(9).isGreaterThan(4);
    assertThat(boundary(SLACK + SLACK + 35 * MINUTE)).isLessThanOrEqualTo(40).isGreaterThan(11);
    assertThat(boundary(SLACK + SLACK + 60 * MINUTE)).isLessThanOrEqualTo(100).isGreaterThan(41);
    assertThat(boundary(SLACK + SLACK + 61 * MINUTE)).isEqualTo(101);
  }
}
