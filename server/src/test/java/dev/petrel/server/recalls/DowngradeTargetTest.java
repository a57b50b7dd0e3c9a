package dev.petrel.server.recalls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Version;
import dev.petrel.server.rollouts.HealthCounts;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One notion of a good downgrade target: the default the server picks ({@code downgrade-target})
 * skips, and a signed recall naming it is refused for, releases that are paused, halted, inactive,
 * scheduled for later or recalled themselves — the same releases the check path does not offer.
 */
class DowngradeTargetTest extends ServerTest {
  private RecallFixture notes;
  private long good;
  private long bad;

  @BeforeEach
  void publish() {
    notes = RecallFixture.create(server, "notes");
    good = notes.publishSigned("linux", "1.0.0", 4);
  }

  private long publishRecalled() {
    bad = notes.publishSigned("linux", "1.2.0", 9);
    return bad;
  }

  private JsonNode defaultTarget(long id) {
    TestResponse answer =
        server.get(
            "/api/v1/apps/notes/releases/" + id + "/downgrade-target", TestServer.ADMIN_TOKEN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json().get("target");
  }

  private void assertRefusedAsTarget(String version, long code, String problem) {
    long audits = server.count("audit_log");
    String body =
        notes.signedBody(
            notes.recall("linux", "1.2.0", 9).target(Version.parse(version), code).build());

    TestResponse answer = notes.recall(bad, body, TestServer.ADMIN_TOKEN);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("recall.target_invalid");
    assertThat(answer.json().get("message").asText())
        .isEqualTo("target " + version + " (" + code + "): " + problem);
    assertThat(notes.active(bad)).isTrue();
    assertThat(server.count("release_recalls")).isZero();
    assertThat(server.count("audit_log")).isEqualTo(audits);
  }

  private void pause(long id) {
    TestResponse paused =
        server.postAsAdmin("/api/v1/apps/notes/releases/" + id + "/rollout/pause", "{}");
    assertThat(paused.status()).as(paused.text()).isEqualTo(200);
  }

  @Test
  void theDefaultIsTheNewestGoodLowerRelease() {
    long newer = notes.publishSigned("linux", "1.1.0", 6);
    notes.publishSigned("linux", "1.3.0", 10);
    publishRecalled();

    assertThat(defaultTarget(bad).get("id").asLong()).isEqualTo(newer);
    assertThat(defaultTarget(good).isNull()).isTrue();
  }

  @Test
  void aPausedReleaseIsSkippedByDefaultAndRefusedByName() {
    long paused = notes.publishSigned("linux", "1.1.0", 6);
    publishRecalled();
    pause(paused);

    assertThat(defaultTarget(bad).get("id").asLong()).isEqualTo(good);
    assertRefusedAsTarget("1.1.0", 6, "its rollout is paused or halted");
  }

  @Test
  void aHaltedReleaseIsSkippedByDefaultAndRefusedByName() {
    long halted = notes.publishSigned("linux", "1.1.0", 6);
    publishRecalled();
    HealthCounts failing =
        (release, since) -> new HealthCounts.Counts(40, release == halted ? 10 : 0);
    assertThat(server.server().rolloutJobs().runOnce(failing).halted()).isEqualTo(1);

    assertThat(defaultTarget(bad).get("id").asLong()).isEqualTo(good);
    assertRefusedAsTarget("1.1.0", 6, "its rollout is paused or halted");
  }

  @Test
  void aReleaseScheduledForLaterIsSkippedByDefaultAndRefusedByName() {
    var later = server.clock().instant().plus(Duration.ofDays(2));
    notes.publishSigned("linux", "1.1.0", 6, ",\"publish_at\":\"" + later + "\"");
    publishRecalled();

    assertThat(defaultTarget(bad).get("id").asLong()).isEqualTo(good);
    assertRefusedAsTarget("1.1.0", 6, "it is scheduled for " + later + ", not published yet");
  }

  @Test
  void anInactiveOrRecalledReleaseIsSkippedByDefaultAndRefusedByName() {
    long inactive = notes.publishSigned("linux", "1.1.0", 6);
    long recalled = notes.publishSigned("linux", "1.1.1", 7);
    publishRecalled();
    server.postAsAdmin("/api/v1/apps/notes/releases/" + inactive + "/deactivate", "");
    TestResponse recall = notes.recall(recalled, "{\"reason\":\"broken\"}", TestServer.ADMIN_TOKEN);
    assertThat(recall.status()).as(recall.text()).isEqualTo(200);
    long recalls = server.count("release_recalls");

    assertThat(defaultTarget(bad).get("id").asLong()).isEqualTo(good);
    long audits = server.count("audit_log");
    String body =
        notes.signedBody(
            notes.recall("linux", "1.2.0", 9).target(Version.parse("1.1.1"), 7).build());
    TestResponse answer = notes.recall(bad, body, TestServer.ADMIN_TOKEN);
    assertThat(answer.json().get("code").asText()).isEqualTo("recall.target_invalid");
    assertThat(answer.json().get("message").asText())
        .isEqualTo("target 1.1.1 (7): it is recalled itself");
    assertThat(server.count("release_recalls")).isEqualTo(recalls);
    assertThat(server.count("audit_log")).isEqualTo(audits);
    assertThat(notes.active(bad)).isTrue();
  }

  @Test
  void androidHasNoDefaultTargetAndUnknownReleasesAreNotFound() {
    long android = notes.publishSigned("android", "1.0.0", 4);
    long androidBad = notes.publishSigned("android", "1.2.0", 9);

    assertThat(defaultTarget(androidBad).isNull()).isTrue();
    assertThat(android).isPositive();
    TestResponse missing =
        server.get("/api/v1/apps/notes/releases/999/downgrade-target", TestServer.ADMIN_TOKEN);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("release.not_found");
    TestResponse anonymous =
        server.get("/api/v1/apps/notes/releases/" + good + "/downgrade-target");
    assertThat(anonymous.status()).isEqualTo(401);
  }
}
