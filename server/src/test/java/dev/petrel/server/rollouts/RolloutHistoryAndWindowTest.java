package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rollout answer as the admin panel reads it: people's deactivations, activations and recalls
 * in the history, and the install outcomes of the health window the monitor judges by.
 */
class RolloutHistoryAndWindowTest extends ServerTest {
  @Test
  void historyListsDeactivationsActivationsAndRecallsNewestFirst() {
    RolloutClient api = new RolloutClient(server);
    long id = api.publish("1.2.0", 3, "");
    String release = "/api/v1/apps/default/releases/" + id;
    api.ok(api.post(release + "/deactivate", "{}"));
    server.clock().advance(java.time.Duration.ofMinutes(1));
    api.ok(api.post(release + "/activate", "{}"));
    server.clock().advance(java.time.Duration.ofMinutes(1));
    api.ok(api.post(release + "/recall", "{\"reason\":\"crashes on start\"}"));

    JsonNode history = api.status(id).get("history");
    List<String> actions = new ArrayList<>();
    history.forEach(entry -> actions.add(entry.get("action").asText()));

    assertThat(actions).containsSubsequence("recall", "activate", "deactivate");
    assertThat(history.get(0).get("reason").asText()).endsWith("crashes on start");
    assertThat(history.get(0).get("actor").asText()).startsWith("token:");
  }

  @Test
  void theHealthWindowCountsWhatTheMonitorJudgesRoundedDownLikeTheHaltReason()
      throws InterruptedException {
    RolloutClient api = new RolloutClient(server);
    long base = api.publish("1.1.0", 2, "");
    long candidate = api.publish("1.2.0", 3, "");
    report(0, 4, "install_succeeded", server.clock().instant());
    report(100, 3, "install_failed", server.clock().instant());
    // Outside the default 24-hour window: not counted.
    report(200, 5, "install_failed", server.clock().instant().minus(java.time.Duration.ofDays(2)));
    awaitWritten(12);

    JsonNode health = api.status(candidate).get("health");

    assertThat(health.get("window_minutes").asInt()).isEqualTo(1440);
    assertThat(health.get("attempted").asLong()).isEqualTo(7);
    assertThat(health.get("failed").asLong()).isEqualTo(3);
    assertThat(health.get("failure_basis_points").asInt()).isEqualTo(4285);
    assertThat(api.status(base).get("health").get("failure_basis_points").isNull()).isTrue();
  }

  private void report(int from, int count, String type, Instant at) {
    StringBuilder batch = new StringBuilder("{\"events\":[");
    for (int i = 0; i < count; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append(
              """
              {"event_id":"evt-%08d","type":"%s","platform":"android","channel":"stable",
               "version":"1.2.0","version_code":3,"device_id":"device-%d","occurred_at":"%s"}"""
                  .formatted(from + i, type, from + i, at));
    }
    TestResponse answer = server.post("/api/v1/apps/default/events", batch.append("]}").toString());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  private void awaitWritten(long events) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.count("client_events") < events && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.count("client_events")).isEqualTo(events);
  }
}
