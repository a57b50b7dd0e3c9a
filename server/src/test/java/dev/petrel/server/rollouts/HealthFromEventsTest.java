package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * End to end: simulated clients report failed installs to the events endpoint; the health monitor
 * wired to the real telemetry counts halts the release, and checks stop offering it.
 */
class HealthFromEventsTest extends ServerTest {
  private String event(int n, String type, Instant at) {
    return """
        {"event_id":"evt-%08d","type":"%s","platform":"android","channel":"stable",
         "version":"1.2.0","version_code":3,"from_version":"1.1.0","from_version_code":2,
         "device_id":"device-%d","occurred_at":"%s"}"""
        .formatted(n, type, n, at);
  }

  private void report(int from, int count, String type) {
    StringBuilder batch = new StringBuilder("{\"events\":[");
    Instant at = server.clock().instant();
    for (int i = 0; i < count; i++) {
      batch.append(i == 0 ? "" : ",").append(event(from + i, type, at));
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

  @Test
  void reportedFailuresPastTheThresholdHaltTheReleaseAndChecksStopOfferingIt()
      throws InterruptedException {
    RolloutClient api = new RolloutClient(server);
    api.publish("1.1.0", 2, "");
    long candidate = api.publish("1.2.0", 3, "");
    report(0, 37, "install_succeeded");
    report(100, 1, "install_failed");
    awaitWritten(38);

    assertThat(server.server().rolloutJobs().runOnce().halted()).isZero();

    report(200, 1, "reverted");
    report(300, 1, "crashed_on_start");
    awaitWritten(40);
    assertThat(server.server().rolloutJobs().runOnce().halted()).isEqualTo(1);

    JsonNode rollout = api.status(candidate);
    assertThat(rollout.get("state").asText()).isEqualTo("halted");
    assertThat(rollout.get("attention_reason").asText())
        .startsWith("failure share 7.50 % (3 of 40 installs failed)");
    assertThat(api.offered("device-x")).isEqualTo("1.1.0");
  }
}
