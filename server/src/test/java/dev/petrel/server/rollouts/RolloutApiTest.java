package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Steering one release's share by hand, over the API, and what checks then offer. */
class RolloutApiTest extends ServerTest {
  static final int SAMPLE = 2_000;

  RolloutClient api;
  long base;
  long candidate;

  @BeforeEach
  void publish() {
    api = new RolloutClient(server);
    base = api.publish("1.1.0", 2, "");
    candidate = api.publish("1.2.0", 3, "\"rollout_basis_points\":1000");
  }

  @Test
  void aTenPercentRolloutIsOfferedExactlyToTheDevicesInItsBuckets() {
    int offered = 0;
    for (int i = 0; i < SAMPLE; i++) {
      String device = "dev-" + i;
      boolean inside = RolloutBucket.includes(candidate, new DeviceId(device), 1_000);
      String version = api.offered(device);
      assertThat(version).isEqualTo(inside ? "1.2.0" : "1.1.0");
      offered += inside ? 1 : 0;
    }
    assertThat(offered / (double) SAMPLE).isBetween(0.08, 0.12);
    assertThat(api.status(candidate).get("state").asText()).isEqualTo("rolling");
  }

  @Test
  void raisingTheShareKeepsEveryDeviceAlreadyIncludedAndRecordsWhoAndWhy() {
    String inside = device(true);
    assertThat(api.offered(inside)).isEqualTo("1.2.0");

    JsonNode raised =
        api.ok(
                api.post(
                    RolloutClient.path(candidate),
                    "{\"basis_points\":5000,\"reason\":\"crash-free for a day\"}"))
            .get("rollout");

    assertThat(raised.get("basis_points").asInt()).isEqualTo(5000);
    assertThat(api.offered(inside)).isEqualTo("1.2.0");
    JsonNode last = raised.get("history").get(0);
    assertThat(last.get("action").asText()).isEqualTo("share");
    assertThat(last.get("from").asText()).isEqualTo("1000");
    assertThat(last.get("to").asText()).isEqualTo("5000");
    assertThat(last.get("reason").asText()).isEqualTo("crash-free for a day");
    assertThat(last.get("actor").asText()).startsWith("token:");
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'rollout.share'"))
        .isEqualTo(1);
  }

  @Test
  void pausingStopsEveryOfferAndResumingRestoresIt() {
    String inside = device(true);

    JsonNode paused =
        api.ok(api.post(RolloutClient.path(candidate) + "/pause", "{\"reason\":\"looking\"}"))
            .get("rollout");
    assertThat(paused.get("state").asText()).isEqualTo("paused");
    assertThat(api.offered(inside)).isEqualTo("1.1.0");

    JsonNode resumed =
        api.ok(api.post(RolloutClient.path(candidate) + "/resume", "")).get("rollout");
    assertThat(resumed.get("state").asText()).isEqualTo("rolling");
    assertThat(api.offered(inside)).isEqualTo("1.2.0");
    assertThat(resumed.get("history").get(0).get("action").asText()).isEqualTo("resume");
    assertThat(resumed.get("history").get(1).get("action").asText()).isEqualTo("pause");
  }

  @Test
  void badInputIsRefusedWithClearMessagesAndChangesNothing() {
    TestResponse tooHigh = api.post(RolloutClient.path(candidate), "{\"basis_points\":10001}");
    TestResponse missing = api.post(RolloutClient.path(candidate), "{}");
    TestResponse decreasing =
        api.send(
            "PUT",
            RolloutClient.path(candidate) + "/plan",
            "{\"steps\":[{\"basis_points\":5000},{\"basis_points\":100}]}",
            TestServer.ADMIN_TOKEN);
    TestResponse badPolicy =
        api.send(
            "PUT",
            RolloutClient.path(candidate) + "/health-policy",
            "{\"window_minutes\":1}",
            TestServer.ADMIN_TOKEN);
    TestResponse unknown = api.post(RolloutClient.path(999), "{\"basis_points\":1}");

    assertThat(tooHigh.status()).isEqualTo(400);
    assertThat(tooHigh.json().get("message").asText())
        .isEqualTo("basis_points: expected 0 to 10000 basis points, found 10001");
    assertThat(missing.json().get("code").asText()).isEqualTo("request.missing_field");
    assertThat(decreasing.status()).isEqualTo(400);
    assertThat(decreasing.json().get("code").asText()).isEqualTo("rollout.invalid_plan");
    assertThat(decreasing.json().get("message").asText())
        .isEqualTo("steps[1].basis_points: expected more than the step before (5000), found 100");
    assertThat(badPolicy.json().get("message").asText())
        .isEqualTo("window_minutes: expected 5 to 43200, found 1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(api.status(candidate).get("basis_points").asInt()).isEqualTo(1000);
    assertThat(api.status(candidate).get("plan").isNull()).isTrue();
  }

  @Test
  void aViewerReadsTheRolloutButCannotChangeIt() {
    String viewer = TestTokens.issue(server, "viewer");

    TestResponse read = server.get(RolloutClient.path(candidate), viewer);
    TestResponse change =
        server.post(RolloutClient.path(candidate), "{\"basis_points\":10000}", viewer);
    TestResponse pause = server.post(RolloutClient.path(candidate) + "/pause", "{}", viewer);

    assertThat(read.status()).isEqualTo(200);
    assertThat(change.status()).isEqualTo(403);
    assertThat(pause.status()).isEqualTo(403);
    assertThat(api.status(candidate).get("basis_points").asInt()).isEqualTo(1000);
    assertThat(api.status(candidate).get("state").asText()).isEqualTo("rolling");
  }

  @Test
  void theHealthPolicyHasDefaultsAndCanBeChanged() {
    JsonNode before = api.status(candidate).get("health_policy");
    JsonNode after =
        api.ok(
                api.send(
                    "PUT",
                    RolloutClient.path(candidate) + "/health-policy",
                    "{\"max_failure_basis_points\":200,\"min_attempts\":50,\"auto_recall\":true}",
                    TestServer.ADMIN_TOKEN))
            .at("/rollout/health_policy");

    assertThat(before.get("max_failure_basis_points").asInt()).isEqualTo(500);
    assertThat(before.get("min_attempts").asInt()).isEqualTo(20);
    assertThat(before.get("window_minutes").asInt()).isEqualTo(1440);
    assertThat(before.get("auto_recall").asBoolean()).isFalse();
    assertThat(after.get("max_failure_basis_points").asInt()).isEqualTo(200);
    assertThat(after.get("min_attempts").asInt()).isEqualTo(50);
    assertThat(after.get("window_minutes").asInt()).isEqualTo(1440);
    assertThat(after.get("auto_recall").asBoolean()).isTrue();
  }

  /** A device id inside (or outside) the candidate's 10 % cohort. */
  private String device(boolean inside) {
    for (int i = 0; ; i++) {
      String device = "probe-" + i;
      if (RolloutBucket.includes(candidate, new DeviceId(device), 1_000) == inside) {
        return device;
      }
    }
  }
}
