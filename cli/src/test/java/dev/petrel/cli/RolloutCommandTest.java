package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code petrel rollout …} against a real server, asserting what the server then reports. */
class RolloutCommandTest extends ServerTest {
  long release;

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private String[] on(String verb, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "rollout";
    args[1] = verb;
    args[2] = "--app";
    args[3] = "default";
    args[4] = "--id=" + release;
    System.arraycopy(more, 0, args, 5, more.length);
    return args;
  }

  private JsonNode rollout() {
    return server
        .get("/api/v1/apps/default/releases/" + release + "/rollout", TestServer.ADMIN_TOKEN)
        .json()
        .get("rollout");
  }

  @BeforeEach
  void publish() {
    release =
        server
            .postAsAdmin("/api/v1/apps/default/releases", Releases.external("android", "1.2.0", 3))
            .json()
            .at("/release/id")
            .asLong();
  }

  @Test
  void setChangesTheShareAndRecordsTheReason() {
    CliRun set = petrel(on("set", "--share", "12.5%", "--reason", "steady"));

    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out())
        .isEqualTo(
            "release "
                + release
                + " (default 1.2.0 for android on stable): rolling at 12.5%"
                + System.lineSeparator());
    assertThat(rollout().get("basis_points").asInt()).isEqualTo(1250);
    assertThat(rollout().at("/history/0/reason").asText()).isEqualTo("steady");
    assertThat(petrel(on("set", "--share", "250bp")).exit()).isZero();
    assertThat(rollout().get("basis_points").asInt()).isEqualTo(250);
  }

  @Test
  void pauseAndResumeChangeTheState() {
    CliRun pause = petrel(on("pause", "--reason", "crash report"));
    assertThat(pause.exit()).as(pause.err()).isZero();
    assertThat(pause.out()).contains("paused at 100%");
    assertThat(rollout().get("state").asText()).isEqualTo("paused");

    CliRun resume = petrel(on("resume"));
    assertThat(resume.exit()).as(resume.err()).isZero();
    assertThat(rollout().get("state").asText()).isEqualTo("complete");
  }

  @Test
  void planSetsStepsTheServerFollowsAndClearRemovesThem() {
    petrel(on("set", "--share", "0%"));
    CliRun plan = petrel(on("plan", "--step", "1%:24h", "--step", "10%:90m", "--step", "100%"));

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains(
            "    1% for at least 1d", "    10% for at least 90m", "    100%", "  next: 1% due at");
    JsonNode steps = rollout().at("/plan/steps");
    assertThat(steps.get(0).get("basis_points").asInt()).isEqualTo(100);
    assertThat(steps.get(0).get("min_dwell_minutes").asInt()).isEqualTo(1440);
    assertThat(steps.get(1).get("min_dwell_minutes").asInt()).isEqualTo(90);

    server.clock().advance(Duration.ofMinutes(1));
    server.server().rolloutJobs().runOnce();
    assertThat(rollout().get("basis_points").asInt()).isEqualTo(100);

    CliRun clear = petrel(on("plan", "--clear"));
    assertThat(clear.exit()).as(clear.err()).isZero();
    assertThat(clear.out()).contains("ramp plan: none");
    assertThat(rollout().get("plan").isNull()).isTrue();
  }

  @Test
  void statusPrintsStatePlanPolicyAndHistory() {
    petrel(on("set", "--share", "5%", "--reason", "first day"));
    petrel(on("plan", "--step", "5%:1d", "--step", "100%"));

    CliRun status = petrel(on("status"));

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("rolling at 5%")
        .contains("  > 5% for at least 1d")
        .contains("health: halt above 5% failed installs with at least 20 attempts over 1d")
        .containsPattern("(?m)^AT +ACTOR +ACTION +FROM +TO +REASON$")
        .containsPattern("(?m)^\\S+ +token:\\d+:\\S+ +share +10000 +500 +first day *$")
        .containsPattern("(?m)^\\S+ +token:\\d+:\\S+ +publish +- +10000 +- *$");
  }

  @Test
  void badSharesAndStepsAreBadUsageAndAViewerIsRefused() {
    CliRun noUnit = petrel(on("set", "--share", "10"));
    CliRun tooMuch = petrel(on("set", "--share", "150%"));
    CliRun badStep = petrel(on("plan", "--step", "10%:forever"));
    CliRun neither = petrel(on("plan"));
    CliRun viewer =
        CliRun.run(
            Map.of(
                "PETREL_SERVER", server.url(), "PETREL_TOKEN", TestTokens.issue(server, "viewer")),
            on("pause"));

    assertThat(noUnit.exit()).isEqualTo(2);
    assertThat(noUnit.err()).contains("expected a share like 10%, 0.5% or 1000bp");
    assertThat(tooMuch.exit()).isEqualTo(2);
    assertThat(badStep.exit()).isEqualTo(2);
    assertThat(badStep.err())
        .contains("--step '10%:forever': expected a dwell like 30m, 24h or 2d");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(viewer.exit()).isEqualTo(1);
    assertThat(viewer.err()).contains("auth.forbidden");
    assertThat(rollout().get("state").asText()).isEqualTo("complete");
  }

  @Test
  void healthSetsTheThresholdsAndLeftOutOptionsTakeTheDefaults() {
    CliRun health =
        petrel(
            on(
                "health",
                "--max-failures",
                "2%",
                "--min-attempts",
                "50",
                "--window",
                "12h",
                "--auto-recall"));

    assertThat(health.exit()).as(health.err()).isZero();
    assertThat(health.out())
        .contains(
            "health: halt above 2% failed installs with at least 50 attempts over 12h, then recall");
    JsonNode policy = rollout().get("health_policy");
    assertThat(policy.get("max_failure_basis_points").asInt()).isEqualTo(200);
    assertThat(policy.get("min_attempts").asInt()).isEqualTo(50);
    assertThat(policy.get("window_minutes").asInt()).isEqualTo(720);
    assertThat(policy.get("auto_recall").asBoolean()).isTrue();

    assertThat(petrel(on("health", "--min-attempts", "30")).exit()).isZero();
    policy = rollout().get("health_policy");
    assertThat(policy.get("max_failure_basis_points").asInt()).isEqualTo(500);
    assertThat(policy.get("min_attempts").asInt()).isEqualTo(30);
    assertThat(policy.get("auto_recall").asBoolean()).isFalse();
    assertThat(petrel(on("health", "--window", "1s")).exit()).isEqualTo(2);
    assertThat(petrel(on("health", "--min-attempts", "0")).err())
        .contains("request.invalid_field: min_attempts: expected 1 to 1000000, found 0");
  }

  @Test
  void publishStartsAStagedScheduledRampingRelease() throws Exception {
    java.nio.file.Path file = dir.resolve("app.apk");
    java.nio.file.Files.write(file, new byte[] {4, 5, 6});
    String at = server.clock().instant().plus(Duration.ofHours(3)).toString();

    CliRun publish =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "android",
            "--file",
            file.toString(),
            "--version",
            "2.0.0+20",
            "--share",
            "0.5%",
            "--ramp-step",
            "1%:24h",
            "--ramp-step",
            "100%",
            "--publish-at",
            at);
    CliRun badTime =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "android",
            "--file",
            file.toString(),
            "--version",
            "2.0.1+21",
            "--publish-at",
            "tomorrow");

    assertThat(publish.exit()).as(publish.err()).isZero();
    long id =
        server
            .get("/api/v1/apps/default/releases?platform=android", TestServer.ADMIN_TOKEN)
            .json()
            .at("/releases/0/id")
            .asLong();
    JsonNode staged =
        server
            .get("/api/v1/apps/default/releases/" + id + "/rollout", TestServer.ADMIN_TOKEN)
            .json()
            .get("rollout");
    assertThat(staged.get("version").asText()).isEqualTo("2.0.0");
    assertThat(staged.get("state").asText()).isEqualTo("scheduled");
    assertThat(staged.get("basis_points").asInt()).isEqualTo(50);
    assertThat(staged.at("/plan/steps/0/min_dwell_minutes").asInt()).isEqualTo(1440);
    assertThat(staged.get("published_at").asText()).isEqualTo(at);
    assertThat(badTime.exit()).isEqualTo(2);
    assertThat(badTime.err()).contains("expected an ISO-8601 instant");
  }
}
