package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cohort experiments over the API: creation, the split checks see, refusals, ending. */
class ExperimentApiTest extends ServerTest {
  static final int SAMPLE = 600;

  RolloutClient api;
  long a;
  long b;

  @BeforeEach
  void publish() {
    api = new RolloutClient(server);
    api.publish("1.1.0", 2, "");
    a = api.publish("1.2.0", 3, "");
    b = api.publish("1.3.0", 4, "");
  }

  private TestResponse create(String arms) {
    return api.post(
        "/api/v1/apps/default/experiments", "{\"name\":\"onboarding\",\"arms\":[" + arms + "]}");
  }

  private String arms() {
    return "{\"release_id\":%d,\"range_start\":0,\"range_end\":5000},".formatted(a)
        + "{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}".formatted(b);
  }

  @Test
  void twoArmsSplitTheChannelByTheExperimentBucket() {
    JsonNode experiment = api.ok(create(arms())).get("experiment");
    long id = experiment.get("id").asLong();

    int inA = 0;
    for (int i = 0; i < SAMPLE; i++) {
      String device = "dev-" + i;
      int bucket = RolloutBucket.ofExperiment(id, new DeviceId(device));
      String offered = api.offered(device);
      assertThat(offered).isEqualTo(bucket < 5000 ? "1.2.0" : "1.3.0");
      inA += bucket < 5000 ? 1 : 0;
    }
    assertThat(inA / (double) SAMPLE).isBetween(0.4, 0.6);

    JsonNode read =
        api.ok(
                server.get(
                    "/api/v1/apps/default/experiments/" + id, TestTokens.issue(server, "viewer")))
            .get("experiment");
    assertThat(read.get("name").asText()).isEqualTo("onboarding");
    assertThat(read.get("platform").asText()).isEqualTo("android");
    assertThat(read.get("channel").asText()).isEqualTo("stable");
    assertThat(read.get("ended_at").isNull()).isTrue();
    assertThat(read.at("/arms/0/release_id").asLong()).isEqualTo(a);
    assertThat(read.at("/arms/0/basis_points").asInt()).isEqualTo(5000);
    assertThat(read.at("/arms/1/range_start").asInt()).isEqualTo(5000);
    assertThat(read.at("/arms/1/figures").asText())
        .isEqualTo("/api/v1/apps/default/releases/" + b + "/figures");
    assertThat(api.status(a).get("experiment_id").asLong()).isEqualTo(id);
    assertThat(api.status(a).at("/history/0/action").asText()).isEqualTo("experiment");
  }

  @Test
  void endingTheExperimentHandsTheArmsBackToTheirShares() {
    long id = api.ok(create(arms())).at("/experiment/id").asLong();

    JsonNode ended =
        api.ok(api.post("/api/v1/apps/default/experiments/" + id + "/end", "{}")).get("experiment");

    assertThat(ended.get("ended_at").isNull()).isFalse();
    for (int i = 0; i < 50; i++) {
      assertThat(api.offered("dev-" + i)).isEqualTo("1.3.0");
    }
    assertThat(api.status(a).get("experiment_id").isNull()).isTrue();
    JsonNode list =
        api.ok(
            server.get(
                "/api/v1/apps/default/experiments", "test-admin-token-0123456789abcdef0123456789"));
    assertThat(list.get("experiments")).hasSize(1);
  }

  @Test
  void overlappingRangesOneArmOrATakenReleaseAreRefused() {
    TestResponse overlap =
        create(
            "{\"release_id\":%d,\"range_start\":0,\"range_end\":6000},".formatted(a)
                + "{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}".formatted(b));
    TestResponse single =
        create("{\"release_id\":%d,\"range_start\":0,\"range_end\":6000}".formatted(a));
    TestResponse badRange =
        create(
            "{\"release_id\":%d,\"range_start\":0,\"range_end\":20000},".formatted(a)
                + "{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}".formatted(b));
    TestResponse notObjects =
        api.post("/api/v1/apps/default/experiments", "{\"name\":\"x\",\"arms\":[1,2]}");
    api.ok(create(arms()));
    TestResponse taken = create(arms());

    assertThat(overlap.status()).isEqualTo(400);
    assertThat(overlap.json().get("code").asText()).isEqualTo("experiment.invalid");
    assertThat(overlap.json().get("message").asText())
        .isEqualTo("arms: the range of release " + b + " overlaps another arm's");
    assertThat(single.json().get("message").asText())
        .isEqualTo("arms: expected 2 to 10 arms, found 1");
    assertThat(badRange.json().get("code").asText()).isEqualTo("experiment.invalid");
    assertThat(notObjects.json().get("message").asText()).isEqualTo("arms[0]: expected an object");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("code").asText()).isEqualTo("experiment.release_taken");
    assertThat(server.count("experiments")).isEqualTo(1);
  }

  @Test
  void armsMustShareOnePlatformAndChannel() {
    long beta = api.publish("1.4.0-beta.1", 5, "\"channel\":\"beta\"");
    TestResponse mixed =
        create(
            "{\"release_id\":%d,\"range_start\":0,\"range_end\":5000},".formatted(a)
                + "{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}".formatted(beta));

    assertThat(mixed.status()).isEqualTo(400);
    assertThat(mixed.json().get("message").asText()).contains("one platform and channel");
  }

  @Test
  void aViewerCannotCreateOrEndAnExperiment() {
    String viewer = TestTokens.issue(server, "viewer");
    TestResponse refused =
        server.post(
            "/api/v1/apps/default/experiments",
            "{\"name\":\"x\",\"arms\":[" + arms() + "]}",
            viewer);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(server.count("experiments")).isZero();
  }
}
