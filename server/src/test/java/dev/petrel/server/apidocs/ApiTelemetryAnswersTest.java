package dev.petrel.server.apidocs;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events, figures and adoption answers match openapi.yaml. */
class ApiTelemetryAnswersTest extends ServerTest {
  final OpenApiDescription api = OpenApiDescription.load();

  @Test
  void eventAnswersMatch() {
    TestResponse accepted =
        server.post(
            PATH,
            batch(event("doc-event-1", "download_started", "1.0.0", 1, "d1", Instant.now(), null)));
    TestResponse bad = server.post(PATH, "{\"events\":[{\"colour\":\"red\"}]}");
    TestResponse unknownApp =
        server.post(
            "/api/v1/apps/nothing-here/events",
            batch(event("doc-event-2", "reverted", "1.0.0", 1, "d1", Instant.now(), "x")));
    List<TestResponse> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      List<String> events = new ArrayList<>();
      for (int j = 0; j < 100; j++) {
        events.add(
            event(
                "doc-" + i + "-" + j + "-id",
                "install_started",
                "1.0.0",
                1,
                "d9",
                Instant.now(),
                null));
      }
      answers.add(server.post(PATH, batch(events)));
    }
    TestResponse limited = answers.get(5);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(unknownApp.status()).isEqualTo(404);
    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    for (TestResponse answer : List.of(accepted, bad, unknownApp, limited)) {
      api.assertDocuments("POST", "/api/v1/apps/{app}/events", answer);
    }
  }

  @Test
  void figureAndAdoptionAnswersMatch() {
    String viewer = TestTokens.issue(server, "viewer");
    long release =
        server
            .postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2))
            .json()
            .get("id")
            .asLong();
    String path = "/api/v1/apps/default/releases/" + release + "/figures";
    TestResponse empty = server.get(path, viewer);
    server.post(
        "/api/v1/apps/default/check",
        "{\"platform\":\"android\",\"current_version\":\"1.1.0+2\",\"device_id\":\"d1\"}");
    Instant now = server.clock().instant();
    server.post(
        PATH,
        batch(
            event("doc-ok-0001", "install_succeeded", "1.1.0", 2, "d1", now, null),
            event("doc-bad-0001", "install_failed", "1.1.0", 2, "d2", now, "disk full"),
            event("doc-delta-0001", "delta_applied", "1.1.0", 2, "d3", now, null),
            event("doc-delta-0002", "delta_failed", "1.1.0", 2, "d4", now, "base_mismatch")));
    server.restart(); // stopping flushes what was queued

    TestResponse full = server.get(path + "?days=7&channel=stable", viewer);
    TestResponse badDays = server.get(path + "?days=91", viewer);
    TestResponse missing = server.get("/api/v1/apps/default/releases/999/figures", viewer);
    TestResponse adoption = server.get("/api/v1/apps/default/adoption?platform=android", viewer);
    TestResponse badAdoption = server.get("/api/v1/apps/default/adoption?days=0", viewer);
    TestResponse noApp = server.get("/api/v1/apps/nothing-here/adoption", viewer);

    assertThat(full.json().get("failure_basis_points").asInt()).isEqualTo(5000);
    assertThat(full.json().at("/deltas/unsized_patch_deliveries").asLong()).isEqualTo(1);
    assertThat(full.json().at("/deltas/top_delta_failed_reasons/0/reason").asText())
        .isEqualTo("base_mismatch");
    assertThat(empty.json().get("failure_basis_points").isNull()).isTrue();
    assertThat(adoption.json().get("adoption")).hasSize(1);
    for (TestResponse answer : List.of(empty, full, badDays, missing)) {
      api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}/figures", answer);
    }
    for (TestResponse answer : List.of(adoption, badAdoption, noApp)) {
      api.assertDocuments("GET", "/api/v1/apps/{app}/adoption", answer);
    }
  }

  @Test
  void experimentFigureAnswersMatch() {
    String viewer = TestTokens.issue(server, "viewer");
    long[] arms = new long[2];
    for (int i = 0; i < 2; i++) {
      arms[i] =
          server
              .postAsAdmin(
                  "/api/updates/publish",
                  Releases.external("android", "1." + (i + 1) + ".0", i + 2))
              .json()
              .get("id")
              .asLong();
    }
    long experiment =
        server
            .postAsAdmin(
                "/api/v1/apps/default/experiments",
                ("{\"name\":\"doc\",\"arms\":[{\"release_id\":%d,\"range_start\":0,"
                        + "\"range_end\":5000},{\"release_id\":%d,\"range_start\":5000,"
                        + "\"range_end\":10000}]}")
                    .formatted(arms[0], arms[1]))
            .json()
            .get("experiment")
            .get("id")
            .asLong();
    Instant now = server.clock().instant();
    server.post(
        PATH, batch(event("doc-exp-0001", "install_failed", "1.1.0", 2, "d1", now, "disk full")));
    server.restart(); // stopping flushes what was queued
    String path = "/api/v1/apps/default/experiments/" + experiment + "/figures";
    TestResponse figures = server.get(path, viewer);
    TestResponse badWindow = server.get(path + "?days=0", viewer);
    TestResponse unknown =
        server.get("/api/v1/apps/default/experiments/" + (experiment + 9) + "/figures", viewer);

    assertThat(figures.status()).as(figures.toString()).isEqualTo(200);
    assertThat(figures.json().get("arms").get(0).get("failed").asLong()).isEqualTo(1);
    assertThat(badWindow.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    for (TestResponse answer : List.of(figures, badWindow, unknown)) {
      api.assertDocuments("GET", "/api/v1/apps/{app}/experiments/{id}/figures", answer);
    }
  }
}
