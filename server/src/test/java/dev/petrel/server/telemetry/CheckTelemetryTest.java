package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every answered check is written to update_checks, or counted as shed; never lost silently. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CheckTelemetryTest {
  static final String CHECK =
      "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"device-%d\"}";

  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void recordsEachCheckWithWhatWasOffered() {
    try (TestServer server = TestServer.start(database, dir)) {
      long id =
          server
              .postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2))
              .json()
              .get("id")
              .asLong();
      server.post("/api/updates/check", CHECK.formatted(7));
      server.post("/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"1.1.0\"}");
      server.stop();

      assertThat(server.count("update_checks")).isEqualTo(2);
      assertThat(
              server.queryLong(
                  "SELECT offered_release_id FROM update_checks WHERE device_id = 'device-7'"))
          .isEqualTo(id);
      assertThat(
              server.queryLong(
                  "SELECT current_version_code FROM update_checks WHERE device_id = 'device-7'"))
          .isEqualTo(1);
      assertThat(
              server.queryLong(
                  "SELECT COUNT(*) FROM update_checks WHERE device_id IS NULL AND offered_release_id IS NULL"))
          .isEqualTo(1);
    }
  }

  @Test
  void flushesQueuedEventsOnGracefulShutdown() {
    try (TestServer server = TestServer.start(database, dir)) {
      for (int i = 0; i < 500; i++) {
        assertThat(server.post("/api/updates/check", CHECK.formatted(i)).status()).isEqualTo(200);
      }
      server.stop();

      assertThat(server.count("update_checks")).isEqualTo(500);
    }
  }

  @Test
  void writesChecksThatTrickleInAFewBatchesAtATime() throws Exception {
    try (TestServer server = TestServer.start(database, dir)) {
      int checks = 40;
      long began = System.nanoTime();
      for (int i = 0; i < checks; i++) {
        assertThat(server.post("/api/updates/check", CHECK.formatted(i)).status()).isEqualTo(200);
        Thread.sleep(10);
      }
      long trickled = System.nanoTime() - began;
      String metrics = server.get("/metrics").text();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (metric(metrics, "petrel_telemetry_recorded_total") < checks
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
        metrics = server.get("/metrics").text();
      }

      assertThat(metric(metrics, "petrel_telemetry_recorded_total")).isEqualTo(checks);
      // a batch that is not full starts at most once per linger (a writer without one wrote
      // these checks, 10 ms apart, in about one transaction each)
      long lingers = trickled / CheckRecorder.LINGER.toNanos();
      assertThat(metric(metrics, "petrel_telemetry_batches_total")).isBetween(1L, lingers + 2);
    }
  }

  @Test
  void shedsTelemetryButAnswersEveryCheckWhenTheQueueIsFull() throws Exception {
    try (TestServer server = TestServer.start(database, dir, CheckTelemetryTest::tinyQueue)) {
      int checks = 50;
      try (Connection blocker = DriverManager.getConnection(server.jdbcUrl())) {
        lockChecksTable(blocker);
        for (int i = 0; i < checks; i++) {
          assertThat(server.post("/api/updates/check", CHECK.formatted(i)).status()).isEqualTo(200);
        }
        blocker.rollback();
      }
      String metrics = server.get("/metrics").text();
      server.stop();

      long shed = metric(metrics, "petrel_telemetry_shed_total");
      long answered = metric(metrics, "petrel_checks_total");
      assertThat(answered).isEqualTo(checks);
      assertThat(shed).isGreaterThan(0);
      assertThat(server.count("update_checks") + shed).isEqualTo(checks);
    }
  }

  private void lockChecksTable(Connection connection) throws Exception {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (database == TestDatabase.SQLITE) {
        // Any write takes SQLite's single write lock until this transaction ends.
        statement.execute("INSERT INTO apps (id, name, created_at) VALUES ('lock-holder', 'x', 0)");
      } else {
        statement.execute("LOCK TABLE update_checks IN EXCLUSIVE MODE");
      }
    }
  }

  private static void tinyQueue(ServerConfig.Builder config) {
    config.telemetry(TelemetrySettings.DEFAULTS.withQueue(2));
  }

  static long metric(String scrape, String name) {
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(scrape);
    assertThat(matcher.find()).as(name + " in\n" + scrape).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }
}
