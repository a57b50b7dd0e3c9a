package dev.petrel.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every persistence test runs on. SQLite lives in the test's temp dir; PostgreSQL
 * gets a fresh schema per server on the database named by {@code PETREL_TEST_POSTGRES_URL} (or the
 * {@code petrel.test.postgres.url} system property), dropped afterwards. Without that setting
 * PostgreSQL tests are skipped, with a notice printed once; with it, an unreachable database fails
 * them.
 */
public enum TestDatabase {
  SQLITE,
  POSTGRES;

  private static volatile boolean noticePrinted;

  /**
   * A database prepared for one server: its URL, and how to clean it up ({@link #close} runs it,
   * for a test that holds the database in a try-with-resources block).
   */
  public record Prepared(String jdbcUrl, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      cleanup.run();
    }
  }

  /** Prepares an empty database, or skips the test when PostgreSQL is not configured. */
  public Prepared prepare(Path tempDir) {
    if (this == SQLITE) {
      return new Prepared("jdbc:sqlite:" + tempDir.resolve("petrel-test.db"), () -> {});
    }
    String base = postgresUrl();
    if (base == null) {
      printNoticeOnce();
      Assumptions.abort("PostgreSQL suite skipped: PETREL_TEST_POSTGRES_URL is not set");
    }
    String schema = "petrel_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(base, "CREATE SCHEMA " + schema);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new Prepared(url, () -> execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** The configured PostgreSQL URL, or null. */
  public static String postgresUrl() {
    String url = System.getProperty("petrel.test.postgres.url");
    if (url == null || url.isBlank() || url.startsWith("${")) {
      url = System.getenv("PETREL_TEST_POSTGRES_URL");
    }
    return url == null || url.isBlank() ? null : url;
  }

  private static void printNoticeOnce() {
    if (!noticePrinted) {
      noticePrinted = true;
      System.out.println(
          "NOTICE: PostgreSQL tests are skipped because PETREL_TEST_POSTGRES_URL is not set "
              + "(e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres). CI sets it.");
    }
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + url + " is configured but failed: " + e.getMessage(), e);
    }
  }
}
