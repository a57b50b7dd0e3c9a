package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Raw telemetry older than the retention is pruned, in batches and by one node at a time; nothing
 * inside the retention window is ever removed, and the figures, read from the aggregates, do not
 * change.
 */
class TelemetryPruningTest extends ServerTest {
  private static final Duration RETENTION = Duration.ofDays(14);

  @Test
  void prunesOnlyRowsOlderThanTheRetentionAndTheFiguresStayTheSame() throws Exception {
    long release = publish();
    Instant start = server.clock().instant();
    // Written first, so it has the smallest id, yet young: a late writer's row.
    insertCheckAt(start.plus(Duration.ofDays(19)));
    for (int day = 0; day < 20; day++) {
      for (int device = 0; device < 3; device++) {
        check("d-" + device, device == 0 ? "1.1.0+2" : "1.0.0+1");
      }
      report(day);
      server.clock().advance(Duration.ofDays(1));
    }
    awaitChecksWritten(61);
    long cutoff = server.clock().instant().minus(RETENTION).toEpochMilli();
    long youngChecks = countSince("update_checks", "checked_at", cutoff);
    long youngEvents = countSince("client_events", "received_at", cutoff);
    String viewer = TestTokens.issue(server, "viewer");
    String figures = figures(viewer, release);
    String adoption = adoption(viewer);

    TelemetryPruner pruner =
        new TelemetryPruner(Jdbi.create(server.jdbcUrl()), server.clock(), RETENTION, 4);
    TelemetryPruner.Result result = pruner.runOnce();

    assertThat(result.ran()).isTrue();
    assertThat(countBefore("update_checks", "checked_at", cutoff)).isZero();
    assertThat(countBefore("client_events", "received_at", cutoff)).isZero();
    assertThat(countSince("update_checks", "checked_at", cutoff)).isEqualTo(youngChecks);
    assertThat(countSince("client_events", "received_at", cutoff)).isEqualTo(youngEvents);
    assertThat(result.checks()).isEqualTo(61 - youngChecks).isGreaterThan(4);
    assertThat(result.events()).isEqualTo(40 - youngEvents).isGreaterThan(4);
    assertThat(figures(viewer, release)).isEqualTo(figures);
    assertThat(adoption(viewer)).isEqualTo(adoption);
  }

  @Test
  void oneNodeAtATimePrunesAndDeviceMarksGoAfterTheLongestWindow() throws Exception {
    publish();
    check("d-1", "1.0.0+1");
    awaitChecksWritten(1);
    long daily = server.count("telemetry_daily");
    long marks = server.count("device_marks");
    assertThat(marks).isPositive();
    assertThat(server.count("device_adoption")).isEqualTo(1);
    TelemetryPruner other =
        new TelemetryPruner(Jdbi.create(server.jdbcUrl()), server.clock(), RETENTION, 4);

    assertThat(other.runOnce().ran()).isTrue();
    assertThat(server.server().telemetryPruner().runOnce().ran())
        .as("another node holds the lease")
        .isFalse();

    server.clock().advance(Duration.ofDays(TelemetryPruner.MARK_DAYS + 1));
    TelemetryPruner.Result later = server.server().telemetryPruner().runOnce();
    assertThat(later.ran()).isTrue();
    assertThat(later.checks()).isEqualTo(1);
    assertThat(later.marks()).isEqualTo(marks);
    assertThat(later.adoptionRows()).isEqualTo(1);
    assertThat(server.count("device_marks")).isZero();
    assertThat(server.count("device_adoption")).isZero();
    assertThat(server.count("telemetry_daily")).as("aggregates are kept").isEqualTo(daily);
  }

  private long publish() {
    TestResponse answer =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().get("id").asLong();
  }

  private void check(String device, String version) {
    String body =
        "{\"platform\":\"android\",\"current_version\":\"%s\",\"device_id\":\"%s\"}"
            .formatted(version, device);
    assertThat(server.post("/api/v1/apps/default/check", body).status()).isEqualTo(200);
  }

  private void report(int day) {
    Instant now = server.clock().instant();
    TestResponse answer =
        server.post(
            Events.PATH,
            Events.batch(
                Events.event("ok-day-" + day, "install_succeeded", "1.1.0", 2, "d-0", now, null),
                Events.event("st-day-" + day, "app_started", "1.1.0", 2, "d-0", now, null)));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  private void insertCheckAt(Instant at) {
    Jdbi.create(server.jdbcUrl())
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO update_checks (app_id, platform, channel, current_version,"
                        + " checked_at) VALUES ('default', 'android', 'stable', '1.0.0', ?)",
                    at.toEpochMilli()));
  }

  private void awaitChecksWritten(long checks) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.count("update_checks") < checks) {
      assertThat(System.nanoTime()).as("checks written within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private long countSince(String table, String column, long cutoff) {
    return server.queryLong("SELECT COUNT(*) FROM " + table + " WHERE " + column + " >= " + cutoff);
  }

  private long countBefore(String table, String column, long cutoff) {
    return server.queryLong("SELECT COUNT(*) FROM " + table + " WHERE " + column + " < " + cutoff);
  }

  private String figures(String viewer, long release) {
    return server
        .get("/api/v1/apps/default/releases/" + release + "/figures?days=30", viewer)
        .text();
  }

  private String adoption(String viewer) {
    return server.get("/api/v1/apps/default/adoption?days=30", viewer).text();
  }
}
