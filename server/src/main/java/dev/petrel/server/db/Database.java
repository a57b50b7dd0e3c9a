package dev.petrel.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, schema migrations and {@link Jdbi} instance of one server.
 *
 * <p>SQLite runs in WAL mode with immediate transactions and a busy timeout, so writers queue
 * instead of failing; PostgreSQL is used as configured by its URL. {@link #close()} closes the
 * pool.
 */
public final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(Dialect dialect, HikariDataSource dataSource) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    ValueTypeMappers.register(jdbi);
  }

  /**
   * Opens the pool and migrates the schema to the newest version.
   *
   * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @throws DatabaseUnavailableException if the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(poolConfig(dialect, jdbcUrl));
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot connect to " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      migrate(dialect, dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new DatabaseUnavailableException(
          "cannot migrate " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Database(dialect, dataSource);
  }

  private static HikariConfig poolConfig(Dialect dialect, String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("petrel-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    if (dialect == Dialect.SQLITE) {
      config.setMaximumPoolSize(4);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "NORMAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    } else {
      config.setMaximumPoolSize(10);
    }
    return config;
  }

  private static void migrate(Dialect dialect, DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(dialect.migrationPlaceholders())
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  public Dialect dialect() {
    return dialect;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
