package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release whose experiment has ended may join a new one; a release stays an arm of at most one
 * running experiment.
 */
class ExperimentReuseTest extends ServerTest {
  static final int SAMPLE = 300;

  RolloutClient api;
  long a;
  long b;
  long c;

  @BeforeEach
  void publish() {
    api = new RolloutClient(server);
    api.publish("1.1.0", 2, "");
    a = api.publish("1.2.0", 3, "");
    b = api.publish("1.3.0", 4, "");
  }

  /** A third release; the newest, so checks are offered it whenever no experiment holds it. */
  private void publishThird() {
    c = api.publish("1.4.0", 5, "");
  }

  private TestResponse create(long first, long second, int split) {
    return api.post(
        "/api/v1/apps/default/experiments",
        ("{\"name\":\"split %d\",\"arms\":[{\"release_id\":%d,\"range_start\":0,\"range_end\":%d},"
                + "{\"release_id\":%d,\"range_start\":%d,\"range_end\":10000}]}")
            .formatted(split, first, split, second, split));
  }

  private long createOk(long first, long second, int split) {
    TestResponse created = create(first, second, split);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().at("/experiment/id").asLong();
  }

  private void end(long experiment) {
    api.ok(api.post("/api/v1/apps/default/experiments/" + experiment + "/end", "{}"));
  }

  @Test
  void aReleaseOfAnEndedExperimentJoinsANewOneSplitByTheNewRanges() {
    long first = createOk(a, b, 5000);
    end(first);

    long second = createOk(a, b, 3000);

    assertThat(second).isNotEqualTo(first);
    int inA = 0;
    for (int i = 0; i < SAMPLE; i++) {
      String device = "dev-" + i;
      int bucket = RolloutBucket.ofExperiment(second, new DeviceId(device));
      assertThat(api.offered(device)).as(device).isEqualTo(bucket < 3000 ? "1.2.0" : "1.3.0");
      inA += bucket < 3000 ? 1 : 0;
    }
    assertThat(inA / (double) SAMPLE).isBetween(0.2, 0.4);
    assertThat(api.status(a).get("experiment_id").asLong()).isEqualTo(second);
    assertThat(api.status(b).get("experiment_id").asLong()).isEqualTo(second);
    assertThat(server.count("experiment_arms")).isEqualTo(4);
  }

  @Test
  void aReleaseOfARunningExperimentIsRefusedAndNothingIsWritten() {
    publishThird();
    end(createOk(a, c, 5000));
    createOk(a, b, 3000);
    long revision = server.queryLong("SELECT revision FROM catalogue_revision");
    long history = server.count("rollout_history");
    long audit = server.count("audit_log");

    TestResponse taken = create(c, a, 6000);

    assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
    assertThat(taken.json().get("code").asText()).isEqualTo("experiment.release_taken");
    assertThat(taken.json().get("message").asText())
        .isEqualTo("arms: release " + a + " is an arm of a running experiment already");
    assertThat(server.count("experiments")).isEqualTo(2);
    assertThat(server.count("experiment_arms")).isEqualTo(4);
    assertThat(server.count("rollout_history")).isEqualTo(history);
    assertThat(server.count("audit_log")).isEqualTo(audit);
    assertThat(server.queryLong("SELECT revision FROM catalogue_revision")).isEqualTo(revision);
  }

  @Test
  void twoCreationsAtOnceWithOneReleaseLetExactlyOneThrough() throws Exception {
    publishThird();
    int rounds = 8;
    for (int round = 0; round < rounds; round++) {
      CyclicBarrier start = new CyclicBarrier(2);
      List<CompletableFuture<TestResponse>> answers = new ArrayList<>();
      for (long partner : new long[] {b, c}) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return create(a, partner, 5000);
                }));
      }
      List<Integer> statuses = new ArrayList<>();
      long winner = 0;
      for (CompletableFuture<TestResponse> answer : answers) {
        TestResponse response = answer.get();
        statuses.add(response.status());
        if (response.status() == 201) {
          winner = response.json().at("/experiment/id").asLong();
        }
      }
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
      end(winner);
    }
    assertThat(server.count("experiments")).isEqualTo(rounds);
    assertThat(server.count("experiment_arms")).isEqualTo(2L * rounds);
  }

  @Test
  void anEndedExperimentKeepsItsArmsAndFiguresAfterItsReleasesJoinAnother() {
    publishThird();
    long first = createOk(a, c, 5000);
    end(first);
    long second = createOk(c, a, 2000);
    String viewer = TestTokens.issue(server, "viewer");

    JsonNode read =
        api.ok(server.get("/api/v1/apps/default/experiments/" + first, viewer)).get("experiment");
    TestResponse figures =
        server.get("/api/v1/apps/default/experiments/" + first + "/figures", viewer);
    JsonNode newer =
        api.ok(server.get("/api/v1/apps/default/experiments/" + second + "/figures", viewer));

    assertThat(read.get("ended_at").isNull()).isFalse();
    assertThat(read.at("/arms/0/release_id").asLong()).isEqualTo(a);
    assertThat(read.at("/arms/1/release_id").asLong()).isEqualTo(c);
    assertThat(figures.status()).as(figures.toString()).isEqualTo(200);
    JsonNode arms = figures.json().get("arms");
    assertThat(arms).hasSize(2);
    assertThat(arms.get(0).get("release_id").asLong()).isEqualTo(a);
    assertThat(arms.get(0).get("range_end").asInt()).isEqualTo(5000);
    assertThat(arms.get(1).get("release_id").asLong()).isEqualTo(c);
    assertThat(arms.get(1).get("range_start").asInt()).isEqualTo(5000);
    assertThat(newer.at("/arms/0/release_id").asLong()).isEqualTo(c);
    assertThat(newer.at("/arms/0/range_end").asInt()).isEqualTo(2000);
    assertThat(newer.at("/arms/1/release_id").asLong()).isEqualTo(a);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException("the two creations did not start together", e);
    }
  }
}
