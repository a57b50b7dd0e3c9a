package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Attempted and failed installs of one release in a sliding window, as the health check reads them.
 */
class ReleaseHealthCountsTest extends ServerTest {
  /**
   * The server's own pruner (first run 5 to 60 s after the start) keeps raw rows a year here, so
   * that only the pruner this test runs with 14 days deletes anything.
   */
  @Override
  protected void configure(ServerConfig.Builder config) {
    config.telemetry(new TelemetrySettings(TelemetrySettings.DEFAULTS.queue(), 365));
  }

  @Test
  void countsAttemptsAndFailuresOfOneReleaseSinceAnInstant() {
    long release = publish("1.1.0", 2);
    long other = publish("1.2.0", 3);
    Instant now = server.clock().instant();
    Instant recent = now.minus(Duration.ofHours(2));
    Instant older = now.minus(Duration.ofHours(30));
    String body =
        batch(
            event("ok-00001", "install_succeeded", "1.1.0", 2, "d1", recent, null),
            event("ok-00002", "install_succeeded", "1.1.0", 2, "d2", recent, null),
            event("ok-00003", "install_succeeded", "1.1.0", 2, "d3", recent, null),
            event("bad-00001", "install_failed", "1.1.0", 2, "d4", recent, "disk full"),
            event("bad-00002", "crashed_on_start", "1.1.0", 2, "d5", recent, null),
            event("dl-00001", "download_failed", "1.1.0", 2, "d6", recent, "timeout"),
            event("dl-00002", "download_started", "1.1.0", 2, "d6", recent, null),
            event("old-00001", "reverted", "1.1.0", 2, "d7", older, "unhealthy"),
            event("new-00001", "install_failed", "1.2.0", 3, "d8", recent, null));
    assertThat(server.post(PATH, body).status()).isEqualTo(202);
    server.stop(); // flushes the writer

    ReleaseHealthCounts health = new ReleaseHealthCounts(Jdbi.create(server.jdbcUrl()));
    assertThat(health.counts(release, now.minus(Duration.ofHours(24))))
        .isEqualTo(new ReleaseHealthCounts.Counts(5, 2));
    assertThat(health.counts(release, now.minus(Duration.ofHours(48))))
        .isEqualTo(new ReleaseHealthCounts.Counts(6, 3));
    assertThat(health.counts(release, now)).isEqualTo(new ReleaseHealthCounts.Counts(0, 0));
    assertThat(health.counts(other, now.minus(Duration.ofHours(24))))
        .isEqualTo(new ReleaseHealthCounts.Counts(1, 1));
    assertThat(health.counts(9_999, Instant.EPOCH)).isEqualTo(new ReleaseHealthCounts.Counts(0, 0));
  }

  @Test
  void aWindowLongerThanTheRetentionCountsPrunedEventsFromTheDailyAggregates() {
    long release = publish("1.1.0", 2);
    Duration retention = Duration.ofDays(14);
    for (String id : new String[] {"first-0001", "second-001", "third-0001"}) {
      if (!id.startsWith("first")) {
        server.clock().advance(Duration.ofDays(10));
      }
      Instant now = server.clock().instant();
      String body =
          batch(
              event(id, "install_failed", "1.1.0", 2, "d-" + id, now, "disk full"),
              event("s-" + id, "app_started", "1.1.0", 2, "d-" + id, now, null));
      assertThat(server.post(PATH, body).status()).isEqualTo(202);
    }
    Instant now = server.clock().instant();
    Jdbi jdbi = Jdbi.create(server.jdbcUrl());
    TelemetryPruner.Result pruned = new TelemetryPruner(jdbi, server.clock(), retention).runOnce();
    assertThat(pruned.events()).isEqualTo(2); // the first two, received 20 days ago

    ReleaseHealthCounts health = new ReleaseHealthCounts(jdbi, server.clock(), retention);
    assertThat(health.counts(release, now.minus(Duration.ofDays(35))))
        .isEqualTo(new ReleaseHealthCounts.Counts(3, 3));
    assertThat(health.counts(release, now.minus(Duration.ofDays(15))))
        .isEqualTo(new ReleaseHealthCounts.Counts(2, 2));
    assertThat(health.sessions(release, now.minus(Duration.ofDays(35))))
        .isEqualTo(new ReleaseHealthCounts.Counts(3, 0));
    assertThat(new ReleaseHealthCounts(jdbi).counts(release, now.minus(Duration.ofDays(35))))
        .as("raw rows alone no longer hold the first")
        .isEqualTo(new ReleaseHealthCounts.Counts(2, 2));
  }

  private long publish(String version, long code) {
    return server
        .postAsAdmin("/api/updates/publish", Releases.external("android", version, code))
        .json()
        .get("id")
        .asLong();
  }
}
