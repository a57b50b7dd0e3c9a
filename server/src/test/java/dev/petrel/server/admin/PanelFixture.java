package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.time.Instant;

/** Releases, rollout changes and reported events for the panel's browser tests, over the API. */
record PanelFixture(TestServer server) {
  static final String APP = "/api/v1/apps/default";

  /** Publishes an external release of {@code platform} with extra publish fields; its id. */
  long publish(String platform, String version, long code, String extra) {
    String json = Releases.external(platform, version, code);
    if (!extra.isEmpty()) {
      json = json.substring(0, json.lastIndexOf('}')) + "," + extra + "}";
    }
    return ok(server.postAsAdmin(APP + "/releases", json)).json().at("/release/id").asLong();
  }

  long publish(String version, long code) {
    return publish("android", version, code, "");
  }

  /** POSTs {@code json} to {@code …/releases/{id}{action}} as the admin. */
  void act(long id, String action, String json) {
    ok(server.postAsAdmin(APP + "/releases/" + id + action, json));
  }

  /** Reports {@code count} events of {@code type} for android 1.2.0 (code 3) at {@code at}. */
  void report(int from, int count, String type, Instant at) {
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
    TestResponse answer = server.post(APP + "/events", batch.append("]}").toString());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  /** Waits until {@code count} rows are in {@code table} (telemetry is written in batches). */
  void awaitRows(String table, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.count(table) < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.count(table)).isEqualTo(count);
  }

  private static TestResponse ok(TestResponse answer) {
    assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    return answer;
  }
}
