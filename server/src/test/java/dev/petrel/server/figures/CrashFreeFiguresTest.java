package dev.petrel.server.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Crash-free figures of a release and of its previous release, on both databases: for random
 * streams of sessions and crashes (and other events, other releases, other channels, times outside
 * the window), the API's figures equal a direct count over the events sent.
 */
class CrashFreeFiguresTest extends ServerTest {
  record Sent(String type, long code, String device, String channel, Instant at) {}

  private long publish(String version, long code) {
    TestResponse answer =
        server.postAsAdmin(
            "/api/v1/apps/default/releases", Releases.external("android", version, code));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().at("/release/id").asLong();
  }

  @Test
  void figuresEqualADirectCountOverRandomEventStreams() throws Exception {
    long baselineId = publish("1.1.0", 2);
    long releaseId = publish("1.2.0", 3);
    Instant now = server.clock().instant();
    Instant windowStart =
        now.minus(Duration.ofDays(6)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    for (long seed = 1; seed <= 3; seed++) {
      List<Sent> sent = randomStream(new Random(seed), now);
      send(sent);
      awaitEvents(server, allSent.size());
      JsonNode figures =
          server
              .get(
                  "/api/v1/apps/default/releases/" + releaseId + "/figures?days=7",
                  TestServer.ADMIN_TOKEN)
              .json();
      List<Sent> all = allSent;
      assertThat(figures.get("crash_free").toString())
          .isEqualTo(expected(all, 3, windowStart, null).toString());
      assertThat(figures.at("/baseline/release_id").asLong()).isEqualTo(baselineId);
      assertThat(figures.at("/baseline/crash_free").toString())
          .isEqualTo(expected(all, 2, windowStart, null).toString());
      JsonNode beta =
          server
              .get(
                  "/api/v1/apps/default/releases/" + releaseId + "/figures?days=7&channel=beta",
                  TestServer.ADMIN_TOKEN)
              .json();
      assertThat(beta.get("crash_free").toString())
          .isEqualTo(expected(all, 3, windowStart, "beta").toString());
    }
  }

  @Test
  void theFirstReleaseHasNoBaselineAndNoSessionsMeansNoShare() {
    long only = publish("1.0.0", 1);
    JsonNode figures =
        server
            .get("/api/v1/apps/default/releases/" + only + "/figures", TestServer.ADMIN_TOKEN)
            .json();
    assertThat(figures.get("baseline").isNull()).isTrue();
    assertThat(figures.at("/crash_free/sessions").asLong()).isZero();
    assertThat(figures.at("/crash_free/crash_free_sessions_basis_points").isNull()).isTrue();
  }

  private final List<Sent> allSent = new ArrayList<>();

  private List<Sent> randomStream(Random random, Instant now) {
    String[] types = {
      "app_started", "app_started", "app_started", "app_crashed", "install_succeeded"
    };
    String[] channels = {"stable", "beta"};
    List<Sent> stream = new ArrayList<>();
    int count = 100 + random.nextInt(50);
    for (int i = 0; i < count; i++) {
      long code = 2 + random.nextInt(2);
      Instant at = now.minus(Duration.ofHours(random.nextInt(24 * 10)));
      stream.add(
          new Sent(
              types[random.nextInt(types.length)],
              code,
              random.nextInt(10) == 0 ? null : "device-" + random.nextInt(40),
              channels[random.nextInt(channels.length)],
              at));
    }
    allSent.addAll(stream);
    return stream;
  }

  private int nextId = 0;

  private void send(List<Sent> stream) {
    for (int from = 0; from < stream.size(); from += 100) {
      StringBuilder batch = new StringBuilder("{\"events\":[");
      for (int i = from; i < Math.min(stream.size(), from + 100); i++) {
        Sent e = stream.get(i);
        batch
            .append(i == from ? "" : ",")
            .append(
                """
                {"event_id":"evt-%08d","type":"%s","platform":"android","channel":"%s",
                 "version":"%s","version_code":%d,%s"occurred_at":"%s"}"""
                    .formatted(
                        nextId++,
                        e.type(),
                        e.channel(),
                        e.code() == 2 ? "1.1.0" : "1.2.0",
                        e.code(),
                        e.device() == null ? "" : "\"device_id\":\"" + e.device() + "\",",
                        e.at()));
      }
      TestResponse answer =
          server.post("/api/v1/apps/default/events", batch.append("]}").toString());
      assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    }
  }

  /** The figures counted directly from what was sent, with the rules CrashFree documents. */
  private static JsonNode expected(List<Sent> sent, long code, Instant since, String channel) {
    long started = 0;
    long crashes = 0;
    Set<String> devices = new HashSet<>();
    Set<String> crashed = new HashSet<>();
    for (Sent e : sent) {
      boolean relevant = e.type().equals("app_started") || e.type().equals("app_crashed");
      if (!relevant || e.code() != code || e.at().isBefore(since)) {
        continue;
      }
      if (channel != null && !channel.equals(e.channel())) {
        continue;
      }
      if (e.type().equals("app_started")) {
        started++;
      } else {
        crashes++;
        if (e.device() != null) {
          crashed.add(e.device());
        }
      }
      if (e.device() != null) {
        devices.add(e.device());
      }
    }
    long sessions = Math.max(started, crashes);
    var node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    node.put("sessions", sessions);
    node.put("crashes", crashes);
    if (sessions == 0) {
      node.putNull("crash_free_sessions_basis_points");
    } else {
      node.put("crash_free_sessions_basis_points", (sessions - crashes) * 10_000 / sessions);
    }
    node.put("devices", devices.size());
    node.put("crashed_devices", crashed.size());
    if (devices.isEmpty()) {
      node.putNull("crash_free_devices_basis_points");
    } else {
      node.put(
          "crash_free_devices_basis_points",
          (devices.size() - crashed.size()) * 10_000L / devices.size());
    }
    return node;
  }

  private static void awaitEvents(TestServer server, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (server.count("client_events") < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.count("client_events")).isEqualTo(count);
  }
}
