package dev.petrel.server.figures;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-release figures and adoption, computed from known checks and events. */
class FiguresTest extends ServerTest {
  private String viewer;
  private int checksSent;
  private int eventsSent;

  @BeforeEach
  void issueViewer() {
    viewer = TestTokens.issue(server, "viewer");
  }

  @Test
  void countsChecksOffersEventsAndTheFailureShareOfARelease() throws Exception {
    publish("android", "1.0.0", 1);
    long release = publish("android", "1.1.0", 2);
    check("android", "1.0.0+1", "device-a", "stable"); // offered 1.1.0
    check("android", "1.0.0+1", "device-a", "stable");
    check("android", "1.0.0+1", "device-b", "stable");
    check("android", "1.1.0+2", "device-c", "stable"); // runs 1.1.0
    check("android", "1.1.0+2", "device-c", "stable");
    check("android", "1.1.0", "device-d", "beta"); // runs 1.1.0, no code given
    check("ios", "1.1.0+2", "device-e", "stable"); // another platform
    Instant now = server.clock().instant();
    Instant old = now.minus(Duration.ofDays(40));
    report(
        event("e-start-1", "download_started", "1.1.0", 2, "device-a", now, null),
        event("e-start-2", "download_started", "1.1.0", 2, "device-b", now, null),
        event("e-start-3", "download_started", "1.1.0", 2, "device-c", now, null),
        event("e-done-01", "download_completed", "1.1.0", 2, "device-a", now, null),
        event("e-done-02", "download_completed", "1.1.0", 2, "device-c", now, null),
        event("e-dlfail-1", "download_failed", "1.1.0", 2, "device-b", now, "disk full"),
        event("e-ok-0001", "install_succeeded", "1.1.0", 2, "device-a", now, null),
        event("e-ok-0002", "install_succeeded", "1.1.0", 2, "device-c", now, null),
        event("e-fail-01", "install_failed", "1.1.0", 2, "device-b", now, "disk full"),
        event("e-back-01", "reverted", "1.1.0", 2, "device-f", now, "health check timed out"),
        event("e-old-001", "install_failed", "1.1.0", 2, "device-g", old, "old reason"),
        event("e-prev-01", "install_succeeded", "1.0.0", 1, "device-h", now, null));
    awaitWritten();

    JsonNode figures = figures(release, "days=30");
    assertThat(figures.get("version").asText()).isEqualTo("1.1.0");
    assertThat(figures.get("checks").asLong()).isEqualTo(3);
    assertThat(figures.get("devices").asLong()).isEqualTo(2);
    assertThat(figures.get("offers").asLong()).isEqualTo(3);
    assertThat(figures.get("offered_devices").asLong()).isEqualTo(2);
    assertThat(figures.get("events").get("download_started").asLong()).isEqualTo(3);
    assertThat(figures.get("events").get("download_completed").asLong()).isEqualTo(2);
    assertThat(figures.get("events").get("download_failed").asLong()).isEqualTo(1);
    assertThat(figures.get("events").get("install_succeeded").asLong()).isEqualTo(2);
    assertThat(figures.get("events").get("crashed_on_start").asLong()).isZero();
    assertThat(figures.get("attempted").asLong()).isEqualTo(4);
    assertThat(figures.get("failed").asLong()).isEqualTo(2);
    assertThat(figures.get("failure_basis_points").asInt()).isEqualTo(5000);
    assertThat(reasons(figures))
        .containsExactly(
            "download_failed:disk full:1",
            "install_failed:disk full:1",
            "reverted:health check timed out:1");

    JsonNode wider = figures(release, "days=90");
    assertThat(wider.get("attempted").asLong()).isEqualTo(5);
    assertThat(wider.get("failure_basis_points").asInt()).isEqualTo(6000);

    JsonNode stable = figures(release, "days=30&channel=stable");
    assertThat(stable.get("checks").asLong()).isEqualTo(2);
    assertThat(stable.get("devices").asLong()).isEqualTo(1);
    assertThat(stable.get("channel").asText()).isEqualTo("stable");
  }

  @Test
  void countsOnlyTheChecksInsideTheWindow() throws Exception {
    long release = publish("android", "1.1.0", 2);
    check("android", "1.1.0+2", "device-c", "stable");
    check("android", "1.1.0+2", "device-d", "stable");
    server.clock().advance(Duration.ofDays(2));
    check("android", "1.1.0+2", "device-c", "stable");
    awaitWritten();

    assertThat(figures(release, "days=1").get("checks").asLong()).isEqualTo(1);
    assertThat(figures(release, "days=3").get("checks").asLong()).isEqualTo(3);
    assertThat(figures(release, "days=3").get("devices").asLong()).isEqualTo(2);
    assertThat(figures(release, "days=1").get("failure_basis_points").isNull()).isTrue();
  }

  @Test
  void countsDistinctDevicesPerVersionAndDayFromChecksAndInstalls() throws Exception {
    publish("android", "1.0.0", 1);
    publish("android", "1.1.0", 2);
    check("android", "1.0.0+1", "device-a", "stable");
    check("android", "1.0.0+1", "device-b", "stable");
    check("android", "1.0.0+1", "device-a", "stable");
    check("ios", "1.0.0+1", "device-i", "stable");
    Instant first = server.clock().instant();
    server.clock().advance(Duration.ofDays(1));
    Instant second = server.clock().instant();
    check("android", "1.1.0+2", "device-a", "stable");
    check("android", "1.0.0+1", "device-b", "stable");
    check("android", "1.1.0+2", "device-z", "beta");
    report(
        event("inst-a-0001", "install_succeeded", "1.1.0", 2, "device-a", second, null),
        event("inst-y-0001", "install_succeeded", "1.1.0", 2, "device-y", second, null),
        event("inst-n-0001", "install_succeeded", "1.1.0", 2, null, second, null),
        event("fail-x-0001", "install_failed", "1.1.0", 2, "device-x", second, null));
    awaitWritten();
    String day1 = day(first);
    String day2 = day(second);

    assertThat(adoption("days=2"))
        .containsExactly(
            day1 + " android 1.0.0 2",
            day1 + " ios 1.0.0 1",
            day2 + " android 1.0.0 1",
            day2 + " android 1.1.0 3");
    assertThat(adoption("days=2&platform=android&channel=stable"))
        .containsExactly(
            day1 + " android 1.0.0 2", day2 + " android 1.0.0 1", day2 + " android 1.1.0 2");
    assertThat(adoption("days=1"))
        .containsExactly(day2 + " android 1.0.0 1", day2 + " android 1.1.0 3");
  }

  @Test
  void letsViewersReadAndRefusesCallersWithoutAToken() {
    long release = publish("android", "1.1.0", 2);
    String figuresPath = "/api/v1/apps/default/releases/" + release + "/figures";

    assertThat(server.get(figuresPath).status()).isEqualTo(401);
    assertThat(server.get("/api/v1/apps/default/adoption").status()).isEqualTo(401);
    assertThat(server.get(figuresPath, viewer).status()).isEqualTo(200);
    TestResponse adoption = server.get("/api/v1/apps/default/adoption", viewer);
    assertThat(adoption.status()).isEqualTo(200);
    assertThat(adoption.json().get("days").asInt()).isEqualTo(30);
    assertThat(adoption.json().get("adoption").isArray()).isTrue();
  }

  @Test
  void refusesABadWindowAndUnknownTargets() {
    long release = publish("android", "1.1.0", 2);
    String figuresPath = "/api/v1/apps/default/releases/" + release + "/figures";

    for (String days : List.of("0", "91", "x")) {
      TestResponse answer = server.get(figuresPath + "?days=" + days, viewer);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("message").asText()).contains("days");
      assertThat(server.get("/api/v1/apps/default/adoption?days=" + days, viewer).status())
          .isEqualTo(400);
    }
    assertThat(server.get("/api/v1/apps/default/adoption?platform=Bad", viewer).status())
        .isEqualTo(400);
    assertThat(server.get(figuresPath + "?channel=Night%20Ly", viewer).status()).isEqualTo(400);
    assertThat(server.get("/api/v1/apps/default/releases/999/figures", viewer).status())
        .isEqualTo(404);
    assertThat(server.get("/api/v1/apps/nope/adoption", viewer).status()).isEqualTo(404);
  }

  private long publish(String platform, String version, long code) {
    return server
        .postAsAdmin("/api/updates/publish", Releases.external(platform, version, code))
        .json()
        .get("id")
        .asLong();
  }

  private void check(String platform, String version, String device, String channel) {
    String body =
        "{\"platform\":\"%s\",\"current_version\":\"%s\",\"device_id\":\"%s\",\"channel\":\"%s\"}"
            .formatted(platform, version, device, channel);
    assertThat(server.post("/api/v1/apps/default/check", body).status()).isEqualTo(200);
    checksSent++;
  }

  private void report(String... events) {
    TestResponse answer = server.post(PATH, batch(events));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    eventsSent += events.length;
  }

  /** Waits until the check recorder and the event writer have written what was sent. */
  private void awaitWritten() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (server.count("update_checks") == checksSent
          && server.count("client_events") == eventsSent) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("checks and events were not written within 10 s");
  }

  private JsonNode figures(long release, String query) {
    TestResponse answer =
        server.get("/api/v1/apps/default/releases/" + release + "/figures?" + query, viewer);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** Each reason as {@code type:reason:count}, checking that its fields come in that order. */
  private List<String> reasons(JsonNode figures) {
    List<String> reasons = new ArrayList<>();
    figures
        .get("top_failure_reasons")
        .forEach(
            r -> {
              List<String> fields = new ArrayList<>();
              r.fieldNames().forEachRemaining(fields::add);
              assertThat(fields).containsExactly("type", "reason", "count");
              reasons.add(
                  r.get("type").asText()
                      + ":"
                      + r.get("reason").asText()
                      + ":"
                      + r.get("count").asLong());
            });
    return reasons;
  }

  private List<String> adoption(String query) {
    TestResponse answer = server.get("/api/v1/apps/default/adoption?" + query, viewer);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    answer
        .json()
        .get("adoption")
        .forEach(
            r ->
                rows.add(
                    r.get("day").asText()
                        + " "
                        + r.get("platform").asText()
                        + " "
                        + r.get("version").asText()
                        + " "
                        + r.get("devices").asLong()));
    return rows;
  }

  private static String day(Instant instant) {
    return instant.toString().substring(0, 10);
  }
}
