package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestClock;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.web.Times;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ramp plans advanced by the server's job and releases scheduled ahead, on a test clock. */
class RampAndScheduleTest extends ServerTest {
  static final String RAMP =
      """
      "ramp":[{"basis_points":100,"min_dwell_minutes":60},
              {"basis_points":1000,"min_dwell_minutes":60},{"basis_points":10000}]""";

  RolloutClient api;
  TestClock clock;

  @BeforeEach
  void client() {
    api = new RolloutClient(server);
    clock = server.clock();
    api.publish("1.1.0", 2, "");
  }

  private int share(long release) {
    return api.status(release).get("basis_points").asInt();
  }

  private int advance(Duration duration) {
    clock.advance(duration);
    return server.server().rolloutJobs().runOnce().advanced();
  }

  @Test
  void aRampMovesStepByStepOnlyAfterEachDwell() {
    long release = api.publish("1.2.0", 3, RAMP);
    JsonNode plan = api.status(release).get("plan");
    assertThat(share(release)).isEqualTo(100);
    assertThat(plan.get("current_step").asInt()).isZero();
    assertThat(plan.get("next_step_basis_points").asInt()).isEqualTo(1000);
    assertThat(plan.get("next_step_due_at").asText())
        .isEqualTo(Times.iso(clock.instant().plus(Duration.ofMinutes(60))));

    assertThat(advance(Duration.ofMinutes(59))).isZero();
    assertThat(share(release)).isEqualTo(100);
    assertThat(advance(Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(share(release)).isEqualTo(1000);
    assertThat(advance(Duration.ofMinutes(59))).isZero();
    assertThat(advance(Duration.ofMinutes(1))).isEqualTo(1);

    JsonNode done = api.status(release);
    assertThat(done.get("basis_points").asInt()).isEqualTo(10000);
    assertThat(done.get("state").asText()).isEqualTo("complete");
    assertThat(done.at("/plan/next_step_basis_points").isNull()).isTrue();
    JsonNode step = done.get("history").get(0);
    assertThat(step.get("actor").asText()).isEqualTo("system:ramp-advancer");
    assertThat(step.get("action").asText()).isEqualTo("ramp");
    assertThat(step.get("from").asText()).isEqualTo("1000");
    assertThat(step.get("to").asText()).isEqualTo("10000");
    assertThat(advance(Duration.ofDays(1))).isZero();
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'rollout.ramp'"))
        .isEqualTo(2);
  }

  @Test
  void aPausedRampWaitsAndResumingRestartsTheDwell() {
    long release = api.publish("1.2.0", 3, RAMP);
    api.ok(api.post(RolloutClient.path(release) + "/pause", "{\"reason\":\"checking a report\"}"));

    assertThat(advance(Duration.ofHours(5))).isZero();
    assertThat(share(release)).isEqualTo(100);
    assertThat(api.status(release).at("/plan/next_step_due_at").isNull()).isTrue();

    api.ok(api.post(RolloutClient.path(release) + "/resume", "{}"));
    assertThat(advance(Duration.ofMinutes(30))).isZero();
    assertThat(advance(Duration.ofMinutes(30))).isEqualTo(1);
    assertThat(share(release)).isEqualTo(1000);
  }

  @Test
  void aPlanSetLaterContinuesFromTheCurrentShareAndCanBeRemoved() {
    long release = api.publish("1.2.0", 3, "\"rollout_basis_points\":500");
    api.ok(
        api.send(
            "PUT",
            RolloutClient.path(release) + "/plan",
            """
            {"steps":[{"basis_points":100,"min_dwell_minutes":10},
                      {"basis_points":2500,"min_dwell_minutes":10},{"basis_points":10000}],
             "reason":"overnight ramp"}
            """,
            TestServer.ADMIN_TOKEN));

    // At 500 the release is on step 0 (100): after its 10 minutes it moves to the next, 2500.
    assertThat(advance(Duration.ofMinutes(10))).isEqualTo(1);
    assertThat(share(release)).isEqualTo(2500);

    JsonNode cleared =
        api.ok(
                api.send(
                    "DELETE", RolloutClient.path(release) + "/plan", null, TestServer.ADMIN_TOKEN))
            .get("rollout");
    assertThat(cleared.get("plan").isNull()).isTrue();
    assertThat(cleared.at("/history/0/action").asText()).isEqualTo("plan_cleared");
    assertThat(advance(Duration.ofHours(1))).isZero();
    assertThat(share(release)).isEqualTo(2500);
  }

  @Test
  void aTakenStepIsNotTakenAgainByAnotherRun() {
    long release = api.publish("1.2.0", 3, RAMP);
    clock.advance(Duration.ofMinutes(60));

    int first = server.server().rolloutJobs().runOnce().advanced();
    int second = server.server().rolloutJobs().runOnce().advanced();

    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    assertThat(share(release)).isEqualTo(1000);
  }

  @Test
  void aScheduledReleaseIsOfferedFromItsTimeOnAndNotBefore() {
    Instant at = clock.instant().plus(Duration.ofHours(2));
    long release = api.publish("1.2.0", 3, "\"publish_at\":\"" + at + "\"");

    assertThat(api.status(release).get("state").asText()).isEqualTo("scheduled");
    assertThat(api.offered("device-1")).isEqualTo("1.1.0");
    assertThat(api.offered("device-2")).isEqualTo("1.1.0");

    clock.advance(Duration.ofHours(2));

    assertThat(api.offered("device-1")).isEqualTo("1.2.0");
    assertThat(api.offered("device-2")).isEqualTo("1.2.0");
    assertThat(api.status(release).get("state").asText()).isEqualTo("complete");
    assertThat(api.status(release).get("published_at").asText()).isEqualTo(Times.iso(at));
  }

  @Test
  void aScheduledRampStartsCountingWhenTheReleaseGoesLive() {
    Instant at = clock.instant().plus(Duration.ofHours(3));
    long release = api.publish("1.2.0", 3, RAMP + ",\"publish_at\":\"" + at + "\"");

    assertThat(advance(Duration.ofHours(3))).isZero();
    assertThat(advance(Duration.ofMinutes(59))).isZero();
    assertThat(advance(Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(share(release)).isEqualTo(1000);
  }

  @Test
  void aScheduleTooFarAheadOrMalformedIsRefused() {
    String far = clock.instant().plus(Duration.ofDays(400)).toString();
    var tooFar =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            dev.petrel.server.testing.Releases.external("android", "1.3.0", 4)
                .replace("\"is_mandatory\"", "\"publish_at\":\"" + far + "\",\"is_mandatory\""));
    var malformed =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            dev.petrel.server.testing.Releases.external("android", "1.3.0", 4)
                .replace("\"is_mandatory\"", "\"publish_at\":\"tomorrow\",\"is_mandatory\""));

    assertThat(tooFar.status()).isEqualTo(400);
    assertThat(tooFar.json().get("message").asText()).startsWith("publish_at: expected at most");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText())
        .isEqualTo(
            "publish_at: expected an ISO-8601 instant like 2026-11-24T09:00:00Z, found 'tomorrow'");
    assertThat(server.count("releases")).isEqualTo(1);
  }
}
