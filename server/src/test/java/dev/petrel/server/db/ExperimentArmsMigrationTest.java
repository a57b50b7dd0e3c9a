package dev.petrel.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V8 rebuilds {@code experiment_arms} without its one-experiment-per-release constraint: a database
 * with arms written under V7 keeps them, and keeps its primary key, foreign keys and range check.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExperimentArmsMigrationTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;
  TestDatabase.Prepared prepared;

  @BeforeEach
  void prepare() {
    prepared = kind.prepare(dir);
  }

  @AfterEach
  void cleanUp() {
    if (prepared != null) {
      prepared.cleanup().run();
    }
  }

  @Test
  void keepsTheArmsWrittenUnderV7AndLetsAnEndedArmJoinAnotherExperiment() {
    String url = prepared.jdbcUrl();
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .placeholders(Dialect.of(url).migrationPlaceholders())
        .target("7")
        .load()
        .migrate();
    Jdbi.create(url).useHandle(ExperimentArmsMigrationTest::writeV7Rows);

    try (Database database = Database.open(url)) {
      database.jdbi().useHandle(ExperimentArmsMigrationTest::checkV8Table);
    }
  }

  private static void writeV7Rows(Handle handle) {
    handle.execute("INSERT INTO apps (id, name, created_at) VALUES ('demo', 'Demo', 1)");
    for (int id = 1; id <= 3; id++) {
      handle.execute(
          """
          INSERT INTO releases (id, app_id, platform, version, version_code, external_url,
            created_at, published_at)
          VALUES (?, 'demo', 'android', ?, ?, 'https://example.test/a.apk', 1, 1)
          """,
          id,
          "1." + id + ".0",
          id);
    }
    handle.execute(
        """
        INSERT INTO experiments (id, app_id, name, platform, channel, created_at, ended_at)
        VALUES (1, 'demo', 'first', 'android', 'stable', 1, 2),
               (2, 'demo', 'second', 'android', 'stable', 3, NULL)
        """);
    handle.execute(
        """
        INSERT INTO experiment_arms (experiment_id, release_id, range_start, range_end)
        VALUES (1, 1, 0, 4000), (1, 2, 4000, 10000)
        """);
  }

  private static void checkV8Table(Handle handle) {
    assertThat(arms(handle)).containsExactly("1:1:0-4000", "1:2:4000-10000");

    handle.execute(
        """
        INSERT INTO experiment_arms (experiment_id, release_id, range_start, range_end)
        VALUES (2, 1, 0, 5000), (2, 3, 5000, 10000)
        """);

    assertThat(arms(handle))
        .containsExactly("1:1:0-4000", "1:2:4000-10000", "2:1:0-5000", "2:3:5000-10000");
    assertThatThrownBy(() -> insertArm(handle, 2, 1, 0, 10), "primary key")
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThatThrownBy(() -> insertArm(handle, 1, 3, 10, 5), "range check")
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThatThrownBy(() -> insertArm(handle, 1, 3, 0, 20_000), "range check")
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThatThrownBy(() -> insertArm(handle, 9, 3, 0, 10), "experiment foreign key")
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThatThrownBy(() -> insertArm(handle, 1, 9, 0, 10), "release foreign key")
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThat(arms(handle)).hasSize(4);
  }

  private static List<String> arms(Handle handle) {
    return handle
        .createQuery(
            """
            SELECT experiment_id, release_id, range_start, range_end FROM experiment_arms
            ORDER BY experiment_id, release_id
            """)
        .map(
            (rs, ctx) ->
                rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getInt(3) + "-" + rs.getInt(4))
        .list();
  }

  private static void insertArm(Handle handle, long experiment, long release, int start, int end) {
    handle.execute(
        "INSERT INTO experiment_arms (experiment_id, release_id, range_start, range_end)"
            + " VALUES (?, ?, ?, ?)",
        experiment,
        release,
        start,
        end);
  }
}
