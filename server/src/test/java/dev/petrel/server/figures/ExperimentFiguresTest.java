package dev.petrel.server.figures;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arms of a cohort experiment with their figures side by side. */
class ExperimentFiguresTest extends ServerTest {
  private static final int DEVICES = 40;

  @Test
  void showsEachArmsOffersInstallsAndFailureShareSideBySide() throws Exception {
    publish("1.0.0", 1);
    long armA = publish("1.1.0", 2);
    long armB = publish("1.2.0", 3);
    long experiment = createExperiment(armA, armB);

    int expectedA = 0;
    for (int i = 0; i < DEVICES; i++) {
      String device = "device-" + i;
      check(device);
      if (RolloutBucket.ofExperiment(experiment, new DeviceId(device)) < 5000) {
        expectedA++;
      }
    }
    Instant now = server.clock().instant();
    report(
        event("a-ok-00001", "install_succeeded", "1.1.0", 2, "device-1", now, null),
        event("a-ok-00002", "install_succeeded", "1.1.0", 2, "device-2", now, null),
        event("a-ok-00003", "install_succeeded", "1.1.0", 2, "device-3", now, null),
        event("b-ok-00001", "install_succeeded", "1.2.0", 3, "device-4", now, null),
        event("b-fail-0001", "install_failed", "1.2.0", 3, "device-5", now, "disk full"));
    awaitWritten(DEVICES, 5);

    String viewer = TestTokens.issue(server, "viewer");
    TestResponse answer =
        server.get("/api/v1/apps/default/experiments/" + experiment + "/figures?days=7", viewer);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("experiment_id").asLong()).isEqualTo(experiment);
    assertThat(body.get("channel").asText()).isEqualTo("stable");
    JsonNode arms = body.get("arms");
    assertThat(arms).hasSize(2);
    JsonNode a = arms.get(0);
    JsonNode b = arms.get(1);
    assertThat(a.get("release_id").asLong()).isEqualTo(armA);
    assertThat(a.get("range_end").asInt()).isEqualTo(5000);
    assertThat(b.get("version").asText()).isEqualTo("1.2.0");
    assertThat(a.get("offers").asLong()).isEqualTo(expectedA);
    assertThat(b.get("offers").asLong()).isEqualTo(DEVICES - expectedA);
    assertThat(a.get("attempted").asLong()).isEqualTo(3);
    assertThat(a.get("failure_basis_points").asInt()).isZero();
    assertThat(b.get("attempted").asLong()).isEqualTo(2);
    assertThat(b.get("failed").asLong()).isEqualTo(1);
    assertThat(b.get("failure_basis_points").asInt()).isEqualTo(5000);
    assertThat(b.get("top_failure_reasons").get(0).get("reason").asText()).isEqualTo("disk full");
  }

  @Test
  void refusesUnknownExperimentsAndCallersWithoutAToken() {
    long armA = publish("1.1.0", 2);
    long armB = publish("1.2.0", 3);
    long experiment = createExperiment(armA, armB);
    String path = "/api/v1/apps/default/experiments/" + experiment + "/figures";
    assertThat(server.get(path, null).status()).isEqualTo(401);
    String viewer = TestTokens.issue(server, "viewer");
    TestResponse unknown =
        server.get("/api/v1/apps/default/experiments/" + (experiment + 1) + "/figures", viewer);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("experiment.not_found");
    assertThat(server.get(path + "?days=91", viewer).status()).isEqualTo(400);
  }

  private long publish(String version, long code) {
    return server
        .postAsAdmin("/api/updates/publish", Releases.external("android", version, code))
        .json()
        .get("id")
        .asLong();
  }

  private long createExperiment(long armA, long armB) {
    String body =
        ("{\"name\":\"onboarding\",\"arms\":[{\"release_id\":%d,\"range_start\":0,"
                + "\"range_end\":5000},{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}]}")
            .formatted(armA, armB);
    TestResponse answer = server.postAsAdmin("/api/v1/apps/default/experiments", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().get("experiment").get("id").asLong();
  }

  private void check(String device) {
    String body =
        "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"%s\"}"
            .formatted(device);
    TestResponse answer = server.post("/api/v1/apps/default/check", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("update_available").asBoolean()).isTrue();
  }

  private void report(String... events) {
    TestResponse answer = server.post(PATH, batch(events));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  private void awaitWritten(long checks, long events) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (server.count("update_checks") == checks && server.count("client_events") == events) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("checks and events were not written within 10 s");
  }
}
