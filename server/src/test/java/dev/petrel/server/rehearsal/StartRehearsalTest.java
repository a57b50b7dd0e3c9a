package dev.petrel.server.rehearsal;

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
 * A start sends itself checks and client events through its own HTTP stack before it listens, and
 * none of them is recorded, counted or timed where devices' requests are.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StartRehearsalTest {
  static final String CHECK =
      "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"device-%d\"}";

  @Parameter TestDatabase database;
  @TempDir Path dir;

  static final String EVENT =
      "{\"events\":[{\"event_id\":\"device-event-1\",\"type\":\"install_succeeded\","
          + "\"platform\":\"android\",\"version\":\"1.1.0\",\"version_code\":2,"
          + "\"device_id\":\"device-1\",\"occurred_at\":\"2026-12-01T10:00:00Z\"}]}";

  @Test
  void aStartWithReleasesRehearsesChecksAndEventsAndRecordsNone() {
    try (TestServer server =
        TestServer.start(database, dir, config -> config.checkRehearsal(500))) {
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1));
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));
      server.postAsAdmin("/api/updates/publish", Releases.external("linux", "2.0.0", 5));

      server.restart();

      StartRehearsal.Outcome rehearsal = server.server().rehearsal();
      assertThat(rehearsal.sent()).isEqualTo(500);
      assertThat(rehearsal.answered()).isEqualTo(500);
      // a batch of events after every 8th check, each answered 202 by the real events route
      assertThat(rehearsal.eventBatches()).isEqualTo(500 / 8);
      String metrics = server.get("/metrics").text();
      assertThat(metrics).contains("petrel_checks_total 0.0");
      assertThat(metrics).contains("petrel_client_events_accepted_total 0.0");
      assertThat(metrics).doesNotContain("route=\"/api/v1/apps/{app}/events\"");
      assertThat(metrics)
          .contains(
              "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/apps/{app}/check\",status=\"2xx\"} 0");
      // a device's check after the rehearsal is answered, counted and recorded as ever
      assertThat(server.post("/api/v1/apps/default/check", CHECK.formatted(1)).text())
          .contains("\"version\":\"1.1.0\"");
      assertThat(server.get("/metrics").text()).contains("petrel_checks_total 1.0");
      // and so is a device's event, which the rehearsal's events did not rate-limit
      assertThat(server.post("/api/v1/apps/default/events", EVENT).status()).isEqualTo(202);
      assertThat(server.get("/metrics").text())
          .contains("petrel_client_events_accepted_total 1.0")
          .contains(
              "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/apps/{app}/events\",status=\"2xx\"} 1");
      server.stop();

      assertThat(server.count("update_checks")).isEqualTo(1);
      assertThat(server.queryLong("SELECT COUNT(*) FROM device_state")).isEqualTo(1);
      assertThat(
              server.queryLong("SELECT COUNT(*) FROM device_marks WHERE device_id <> 'device-1'"))
          .isZero();
      assertThat(
              server.queryLong(
                  "SELECT COALESCE(SUM(n), 0) FROM telemetry_daily WHERE metric = 'checks'"))
          .isEqualTo(1);
      assertThat(server.queryLong("SELECT COUNT(*) FROM client_events")).isEqualTo(1);
    }
  }

  @Test
  void aStartWithoutReleasesHasNothingToRehearse() {
    try (TestServer server =
        TestServer.start(database, dir, config -> config.checkRehearsal(500))) {
      assertThat(server.server().rehearsal().sent()).isZero();
    }
  }

  @Test
  void aRehearsalOfZeroChecksSendsNone() {
    try (TestServer server = TestServer.start(database, dir, config -> config.checkRehearsal(0))) {
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1));
      server.restart();

      assertThat(server.server().rehearsal().sent()).isZero();
      assertThat(server.post("/api/v1/apps/default/check", CHECK.formatted(1)).status())
          .isEqualTo(200);
    }
  }
}
