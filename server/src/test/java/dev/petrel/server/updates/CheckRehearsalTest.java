package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A start sends itself checks through its own HTTP stack before it listens, and none of them is
 * recorded, counted or timed where devices' checks are.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CheckRehearsalTest {
  static final String CHECK =
      "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"device-%d\"}";

  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void aStartWithReleasesRehearsesEveryCheckAndRecordsNone() {
    try (TestServer server =
        TestServer.start(database, dir, config -> config.checkRehearsal(500))) {
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1));
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));
      server.postAsAdmin("/api/updates/publish", Releases.external("linux", "2.0.0", 5));

      server.restart();

      CheckRehearsal.Outcome rehearsal = server.server().checkRehearsal();
      assertThat(rehearsal.sent()).isEqualTo(500);
      assertThat(rehearsal.answered()).isEqualTo(500);
      String metrics = server.get("/metrics").text();
      assertThat(metrics).contains("petrel_checks_total 0.0");
      assertThat(metrics)
          .contains(
              "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/apps/{app}/check\",status=\"2xx\"} 0");
      // a device's check after the rehearsal is answered, counted and recorded as ever
      assertThat(server.post("/api/v1/apps/default/check", CHECK.formatted(1)).text())
          .contains("\"version\":\"1.1.0\"");
      assertThat(server.get("/metrics").text()).contains("petrel_checks_total 1.0");
      server.stop();

      assertThat(server.count("update_checks")).isEqualTo(1);
      assertThat(server.queryLong("SELECT COUNT(*) FROM device_state")).isEqualTo(1);
      assertThat(
              server.queryLong("SELECT COUNT(*) FROM device_marks WHERE device_id <> 'device-1'"))
          .isZero();
      assertThat(
              server.queryLong(
                  "SELECT COUNT(*) FROM device_adoption WHERE device_id <> 'device-1'"))
          .isZero();
      assertThat(
              server.queryLong(
                  "SELECT COALESCE(SUM(n), 0) FROM telemetry_daily WHERE metric = 'checks'"))
          .isEqualTo(1);
    }
  }

  @Test
  void aStartWithoutReleasesHasNothingToRehearse() {
    try (TestServer server =
        TestServer.start(database, dir, config -> config.checkRehearsal(500))) {
      assertThat(server.server().checkRehearsal().sent()).isZero();
    }
  }

  @Test
  void aRehearsalOfZeroChecksSendsNone() {
    try (TestServer server = TestServer.start(database, dir, config -> config.checkRehearsal(0))) {
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1));
      server.restart();

      assertThat(server.server().checkRehearsal().sent()).isZero();
      assertThat(server.post("/api/v1/apps/default/check", CHECK.formatted(1)).status())
          .isEqualTo(200);
    }
  }
}
