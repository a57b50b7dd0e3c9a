package dev.petrel.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Java migration tells the database from the connection Flyway hands it, and the fragments the
 * dialect names run on that database.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DialectTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  @Test
  void aConnectionHasTheDialectOfItsUrl() throws Exception {
    Dialect expected = kind == TestDatabase.POSTGRES ? Dialect.POSTGRESQL : Dialect.SQLITE;
    try (TestDatabase.Prepared prepared = kind.prepare(dir);
        Connection connection = DriverManager.getConnection(prepared.jdbcUrl())) {
      assertThat(Dialect.of(connection)).isEqualTo(expected);
      assertThat(Dialect.of(prepared.jdbcUrl())).isEqualTo(expected);
    }
  }

  @Test
  void theStringAggregateJoinsAGroupWithItsSeparator() throws Exception {
    try (TestDatabase.Prepared prepared = kind.prepare(dir);
        Connection connection = DriverManager.getConnection(prepared.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT %s(name, ',') FROM (SELECT 'beta' AS name UNION ALL SELECT 'stable') t"
                    .formatted(Dialect.of(connection).stringAggregate()))) {
      assertThat(row.next()).isTrue();
      String[] joined = row.getString(1).split(",");
      Arrays.sort(joined);
      assertThat(joined).containsExactly("beta", "stable");
    }
  }

  @Test
  void anotherDatabaseIsRefusedByName() {
    assertThatThrownBy(() -> Dialect.of("jdbc:mysql://127.0.0.1/petrel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://127.0.0.1/petrel");
  }
}
