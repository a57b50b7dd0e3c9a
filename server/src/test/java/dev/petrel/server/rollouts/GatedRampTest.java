package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ramp with a statistical gate, on both databases and the test clock: the previous release has 20
 * 000 sessions at 1 % crashes; the new release's sessions decide whether the ramp moves on, halts,
 * or waits.
 */
class GatedRampTest extends ServerTest {
  RolloutClient api;
  long baseline;
  long candidate;
  int nextEvent;

  @BeforeEach
  void publishAndGate() throws Exception {
    api = new RolloutClient(server);
    baseline = api.publish("1.1.0", 2, "");
    candidate =
        api.publish(
            "1.2.0",
            3,
            "\"ramp\":[{\"basis_points\":100,\"min_dwell_minutes\":60},"
                + "{\"basis_points\":1000,\"min_dwell_minutes\":60},"
                + "{\"basis_points\":10000,\"min_dwell_minutes\":0}]");
    api.ok(api.send("PUT", RolloutClient.path(candidate) + "/gate", "{}", TestServer.ADMIN_TOKEN));
    sessions(baseline, "1.1.0", 2, 20_000, 200);
  }

  /** Stores {@code started} app_started and {@code crashed} app_crashed events of a release. */
  private void sessions(long release, String version, long code, int started, int crashed)
      throws Exception {
    Instant at = server.clock().instant().minus(Duration.ofMinutes(10));
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO client_events (app_id, event_id, type, platform, channel, version,
                  version_code, release_id, device_id, occurred_at, received_at)
                VALUES ('default', ?, ?, 'android', 'stable', ?, ?, ?, ?, ?, ?)
                """)) {
      connection.setAutoCommit(false);
      for (int i = 0; i < started + crashed; i++) {
        insert.setString(1, "evt-" + nextEvent++);
        insert.setString(2, i < started ? "app_started" : "app_crashed");
        insert.setString(3, version);
        insert.setLong(4, code);
        insert.setLong(5, release);
        insert.setString(6, "device-" + (i % 5000));
        insert.setLong(7, at.toEpochMilli());
        insert.setLong(8, at.toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    }
  }

  private RolloutJobs.Run run() {
    return server.server().rolloutJobs().runOnce();
  }

  @Test
  void aReleaseCrashingAsOftenAsItsBaselineRampsToEveryone() throws Exception {
    sessions(candidate, "1.2.0", 3, 5_000, 50);

    server.clock().advance(Duration.ofMinutes(61));
    assertThat(run()).isEqualTo(new RolloutJobs.Run(0, 1));
    server.clock().advance(Duration.ofMinutes(61));
    assertThat(run()).isEqualTo(new RolloutJobs.Run(0, 1));

    JsonNode rollout = api.status(candidate);
    assertThat(rollout.get("basis_points").asInt()).isEqualTo(10_000);
    assertThat(rollout.at("/gate/decision").asText()).isEqualTo("advance");
    assertThat(rollout.at("/gate/baseline_version").asText()).isEqualTo("1.1.0");
    assertThat(rollout.at("/history/0/reason").asText())
        .contains("and not worse than its previous release (");
  }

  @Test
  void aReleaseCrashingTwiceAsOftenIsHaltedWithTheComparisonAsItsReason() throws Exception {
    sessions(candidate, "1.2.0", 3, 5_000, 100);

    assertThat(run().halted()).isEqualTo(1);

    JsonNode rollout = api.status(candidate);
    assertThat(rollout.get("state").asText()).isEqualTo("halted");
    assertThat(rollout.get("attention_reason").asText())
        .isEqualTo(
            "crash rate 2.00 % (100 of 5000 sessions) is significantly above 1.1.0's 1.00 %"
                + " (200 of 20000) at 99.99 % confidence");
    assertThat(api.offered("device-x")).isEqualTo("1.1.0");
  }

  @Test
  void aTinySampleNeitherHaltsNorLetsTheRampMove() throws Exception {
    sessions(candidate, "1.2.0", 3, 5, 10);

    server.clock().advance(Duration.ofMinutes(61));
    assertThat(run()).isEqualTo(new RolloutJobs.Run(0, 0));

    JsonNode rollout = api.status(candidate);
    assertThat(rollout.get("basis_points").asInt()).isEqualTo(100);
    assertThat(rollout.at("/gate/decision").asText()).isEqualTo("wait");
    assertThat(rollout.at("/gate/metrics/1/verdict").asText()).isEqualTo("undecided");
  }

  @Test
  void badSettingsAreRefusedAndRemovingTheGateLetsTheDwellDecide() throws Exception {
    TestResponse bad =
        api.send(
            "PUT",
            RolloutClient.path(candidate) + "/gate",
            "{\"halt_confidence_basis_points\":10000}",
            TestServer.ADMIN_TOKEN);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asText())
        .isEqualTo("halt_confidence_basis_points: expected 5001 to 9999, found 10000");

    api.ok(
        api.send("DELETE", RolloutClient.path(candidate) + "/gate", null, TestServer.ADMIN_TOKEN));
    server.clock().advance(Duration.ofMinutes(61));

    assertThat(run().advanced()).isEqualTo(1);
    assertThat(api.status(candidate).get("gate").isNull()).isTrue();
  }
}
