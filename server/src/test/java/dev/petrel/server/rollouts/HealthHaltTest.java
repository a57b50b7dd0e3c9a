package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health monitor halting (and optionally recalling) releases that fail too often. */
class HealthHaltTest extends ServerTest {
  static final String RAMP =
      """
      "ramp":[{"basis_points":5000,"min_dwell_minutes":60},{"basis_points":10000}]""";

  RolloutClient api;
  FakeHealthCounts counts;
  long candidate;

  @BeforeEach
  void publish() {
    api = new RolloutClient(server);
    counts = new FakeHealthCounts();
    api.publish("1.1.0", 2, "");
    candidate = api.publish("1.2.0", 3, RAMP);
  }

  private int run() {
    return server.server().rolloutJobs().runOnce(counts).halted();
  }

  @Test
  void crossingTheThresholdHaltsStopsOffersAndStopsTheRamp() {
    String inside = insideDevice();
    assertThat(api.offered(inside)).isEqualTo("1.2.0");

    counts.report(candidate, 40, 3);
    assertThat(run()).isEqualTo(1);

    JsonNode halted = api.status(candidate);
    assertThat(halted.get("state").asText()).isEqualTo("halted");
    assertThat(halted.get("needs_attention").asBoolean()).isTrue();
    assertThat(halted.get("attention_reason").asText())
        .isEqualTo(
            "failure share 7.50 % (3 of 40 installs failed) over the last 1440 minutes is above"
                + " the 5.00 % threshold");
    assertThat(halted.at("/history/0/action").asText()).isEqualTo("halt");
    assertThat(halted.at("/history/0/actor").asText()).isEqualTo("system:health-monitor");
    assertThat(halted.at("/plan/next_step_due_at").isNull()).isTrue();
    assertThat(api.offered(inside)).isEqualTo("1.1.0");
    assertThat(counts.askedSince(candidate))
        .isEqualTo(server.clock().instant().minus(Duration.ofDays(1)));

    server.clock().advance(Duration.ofHours(3));
    assertThat(server.server().rolloutJobs().runOnce(counts).advanced()).isZero();
    assertThat(api.status(candidate).get("basis_points").asInt()).isEqualTo(5000);
    assertThat(run()).isZero();
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'rollout.halt'"))
        .isEqualTo(1);
    JsonNode overview =
        server.get("/api/v1/apps/default/rollouts", TestServer.ADMIN_TOKEN).json().get("rollouts");
    assertThat(overview).hasSize(2);
    assertThat(overview.get(0).get("release_id").asLong()).isEqualTo(candidate);
    assertThat(overview.get(0).get("state").asText()).isEqualTo("halted");
    assertThat(overview.get(0).get("needs_attention").asBoolean()).isTrue();
    assertThat(overview.get(0).get("has_plan").asBoolean()).isTrue();
    assertThat(overview.get(1).get("state").asText()).isEqualTo("complete");
  }

  @Test
  void fewerAttemptsThanTheMinimumOrAShareAtTheThresholdDoNotHalt() {
    counts.report(candidate, 19, 19);
    assertThat(run()).isZero();
    counts.report(candidate, 100, 5);
    assertThat(run()).isZero();
    assertThat(api.status(candidate).get("state").asText()).isEqualTo("rolling");
  }

  @Test
  void resumingAHaltedReleaseClearsTheAttentionFlagAndPauseIsRefusedWhileHalted() {
    counts.report(candidate, 40, 10);
    run();

    var pause = api.post(RolloutClient.path(candidate) + "/pause", "{}");
    JsonNode resumed =
        api.ok(api.post(RolloutClient.path(candidate) + "/resume", "{\"reason\":\"fixed CDN\"}"))
            .get("rollout");

    assertThat(pause.status()).isEqualTo(409);
    assertThat(pause.json().get("code").asText()).isEqualTo("rollout.halted");
    assertThat(resumed.get("state").asText()).isEqualTo("rolling");
    assertThat(resumed.get("needs_attention").asBoolean()).isFalse();
    assertThat(resumed.at("/history/0/from").asText()).isEqualTo("halted");
  }

  @Test
  void withAutoRecallTheReleaseIsAlsoDeactivated() {
    api.ok(
        api.send(
            "PUT",
            RolloutClient.path(candidate) + "/health-policy",
            "{\"max_failure_basis_points\":1000,\"min_attempts\":10,\"window_minutes\":60,"
                + "\"auto_recall\":true}",
            TestServer.ADMIN_TOKEN));
    counts.report(candidate, 10, 2);

    assertThat(run()).isEqualTo(1);

    JsonNode recalled = api.status(candidate);
    assertThat(recalled.get("state").asText()).isEqualTo("inactive");
    assertThat(recalled.at("/history/0/action").asText()).isEqualTo("recall");
    assertThat(
            server
                .get("/api/v1/apps/default/releases/" + candidate, TestServer.ADMIN_TOKEN)
                .json()
                .at("/release/is_active")
                .asBoolean())
        .isFalse();
    assertThat(counts.askedSince(candidate))
        .isEqualTo(server.clock().instant().minus(Duration.ofMinutes(60)));
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'release.recall'"))
        .isEqualTo(1);
    JsonNode told =
        server
            .post(
                "/api/v1/apps/default/check",
                "{\"platform\":\"android\",\"current_version\":\"1.2.0+3\",\"device_id\":\"d\"}")
            .json();
    assertThat(told.get("current_recalled").asBoolean()).isTrue();
    assertThat(told.at("/recall/reason").asText()).startsWith("auto_recall: failure share 20.00 %");
  }

  private String insideDevice() {
    for (int i = 0; ; i++) {
      String device = "probe-" + i;
      if (dev.petrel.protocol.RolloutBucket.includes(
          candidate, new dev.petrel.protocol.DeviceId(device), 5_000)) {
        return device;
      }
    }
  }
}
