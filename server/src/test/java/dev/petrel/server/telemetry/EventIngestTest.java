package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Client events are accepted fast, stored once each, and tied to their release. */
class EventIngestTest extends ServerTest {
  private long publish(String version, long code) {
    return server
        .postAsAdmin("/api/updates/publish", Releases.external("android", version, code))
        .json()
        .get("id")
        .asLong();
  }

  @Test
  void acceptsABatchAndStoresEveryEventWithItsRelease() {
    long release = publish("1.1.0", 2);
    TestResponse answer =
        server.post(
            PATH,
            batch(
                event("evt-download-1", "download_started", "1.1.0", 2, "device-1"),
                event("evt-install-1", "install_failed", "1.1.0", 2, "device-1")
                    .replace("}", ",\"reason\":\"disk full\"}"),
                event("evt-unknown-1", "install_succeeded", "9.0.0", 90, "device-2")));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(answer.json().get("ok").asBoolean()).isTrue();
    assertThat(answer.json().get("accepted").asInt()).isEqualTo(3);
    server.stop();

    assertThat(server.count("client_events")).isEqualTo(3);
    assertThat(
            server.queryLong(
                "SELECT release_id FROM client_events WHERE event_id = 'evt-install-1'"))
        .isEqualTo(release);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM client_events WHERE event_id = 'evt-install-1'"
                    + " AND type = 'install_failed' AND reason = 'disk full'"
                    + " AND platform = 'android' AND channel = 'stable' AND version = '1.1.0'"
                    + " AND version_code = 2 AND from_version = '1.0.0' AND from_version_code = 1"
                    + " AND device_id = 'device-1' AND app_id = 'default'"))
        .isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM client_events"
                    + " WHERE event_id = 'evt-unknown-1' AND release_id IS NULL"))
        .isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT occurred_at FROM client_events WHERE event_id = 'evt-download-1'"))
        .isEqualTo(java.time.Instant.parse("2026-11-20T12:00:00Z").toEpochMilli());
  }

  @Test
  void storesARepeatedEventOnceWithinAndAcrossBatches() throws Exception {
    String first = event("evt-repeat-1");
    assertThat(server.post(PATH, batch(first, first, event("evt-other-1"))).status())
        .isEqualTo(202);
    assertThat(server.post(PATH, batch(first)).status()).isEqualTo(202);
    awaitWritten(4);
    String metrics = server.get("/metrics").text();
    server.stop();

    assertThat(server.count("client_events")).isEqualTo(2);
    assertThat(CheckTelemetryTest.metric(metrics, "petrel_client_events_accepted_total"))
        .isEqualTo(4);
    assertThat(CheckTelemetryTest.metric(metrics, "petrel_client_events_written_total"))
        .isEqualTo(2);
    assertThat(CheckTelemetryTest.metric(metrics, "petrel_client_events_duplicates_total"))
        .isEqualTo(2);
  }

  @Test
  void storesAnEventDatedAheadOfTheServerAtTheTimeItArrived() {
    String future = server.clock().instant().plus(Duration.ofHours(3)).toString();
    String soon = server.clock().instant().plus(Duration.ofMinutes(4)).toString();
    server.post(
        PATH,
        batch(
            event("evt-future-1").replace("2026-11-20T12:00:00Z", future),
            event("evt-soon-0001").replace("2026-11-20T12:00:00Z", soon)));
    long now = server.clock().millis();
    server.stop();

    assertThat(
            server.queryLong("SELECT occurred_at FROM client_events WHERE event_id='evt-future-1'"))
        .isEqualTo(now);
    assertThat(
            server.queryLong(
                "SELECT occurred_at FROM client_events WHERE event_id='evt-soon-0001'"))
        .isEqualTo(java.time.Instant.parse(soon).toEpochMilli());
  }

  @Test
  void refusesEventsForAnUnknownAppWith404() {
    TestResponse answer =
        server.post("/api/v1/apps/no-such-app/events", batch(event("evt-nowhere-1")));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("code").asText()).isEqualTo("app.not_found");
  }

  @Test
  void flushesEveryAcceptedEventOnGracefulShutdown() {
    int accepted = 0;
    for (int request = 0; request < 40; request++) {
      TestResponse answer =
          server.post(
              PATH, Events.batchOf("flush-" + request, 25).replace("device-1", "d" + request));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
      accepted += answer.json().get("accepted").asInt();
    }
    server.stop();

    assertThat(accepted).isEqualTo(1000);
    assertThat(server.count("client_events")).isEqualTo(1000);
  }

  private void awaitWritten(long events) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String metrics = server.get("/metrics").text();
      long done =
          CheckTelemetryTest.metric(metrics, "petrel_client_events_written_total")
              + CheckTelemetryTest.metric(metrics, "petrel_client_events_duplicates_total");
      if (done >= events) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the writer did not handle " + events + " events within 10 s");
  }
}
