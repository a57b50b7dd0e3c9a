package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real rollout, channel and experiment answers match openapi.yaml, as {@link ApiAnswersTest}. */
class ApiRolloutAnswersTest extends ServerTest {
  final OpenApiDescription api = OpenApiDescription.load();

  private TestResponse send(String method, String path, String json) {
    return server.send(
        server
            .request(path)
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  private long publish(String version, long code, String extra) {
    String json = Releases.external("android", version, code);
    json = json.substring(0, json.lastIndexOf('}')) + extra + "}";
    TestResponse published = server.postAsAdmin("/api/v1/apps/default/releases", json);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases", published);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().at("/release/id").asLong();
  }

  @Test
  void rolloutAnswersMatch() {
    long id =
        publish(
            "1.1.0",
            2,
            ",\"ramp\":[{\"basis_points\":100,\"min_dwell_minutes\":60},{\"basis_points\":10000}]");
    String path = "/api/v1/apps/default/releases/" + id + "/rollout";
    String template = "/api/v1/apps/{app}/releases/{id}/rollout";
    server.clock().advance(Duration.ofMinutes(1));

    TestResponse status = send("GET", path, null);
    TestResponse share = send("POST", path, "{\"basis_points\":500,\"reason\":\"why not\"}");
    TestResponse badShare = send("POST", path, "{\"basis_points\":-1}");
    TestResponse pause = send("POST", path + "/pause", null);
    TestResponse resume = send("POST", path + "/resume", "{\"reason\":\"ok\"}");
    TestResponse plan =
        send(
            "PUT",
            path + "/plan",
            "{\"steps\":[{\"basis_points\":1000},{\"basis_points\":10000}]}");
    TestResponse badPlan = send("PUT", path + "/plan", "{\"steps\":[]}");
    TestResponse policy = send("PUT", path + "/health-policy", "{\"auto_recall\":true}");
    TestResponse clear = send("DELETE", path + "/plan", null);
    TestResponse missing = send("GET", "/api/v1/apps/default/releases/999/rollout", null);
    TestResponse overview = send("GET", "/api/v1/apps/default/rollouts", null);
    TestResponse noApp = send("GET", "/api/v1/apps/nothing-here/rollouts", null);

    assertThat(share.status()).isEqualTo(200);
    assertThat(badShare.status()).isEqualTo(400);
    assertThat(badPlan.status()).isEqualTo(400);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(resume.json().at("/rollout/history").size()).isGreaterThanOrEqualTo(4);
    assertThat(noApp.status()).isEqualTo(404);
    api.assertDocuments("GET", "/api/v1/apps/{app}/rollouts", overview);
    api.assertDocuments("GET", "/api/v1/apps/{app}/rollouts", noApp);
    api.assertDocuments("GET", template, status);
    api.assertDocuments("GET", template, missing);
    api.assertDocuments("POST", template, share);
    api.assertDocuments("POST", template, badShare);
    api.assertDocuments("POST", template + "/pause", pause);
    api.assertDocuments("POST", template + "/resume", resume);
    api.assertDocuments("PUT", template + "/plan", plan);
    api.assertDocuments("PUT", template + "/plan", badPlan);
    api.assertDocuments("PUT", template + "/health-policy", policy);
    api.assertDocuments("DELETE", template + "/plan", clear);
  }

  @Test
  void haltedPauseAnswerMatches() {
    long id = publish("1.1.0", 2, "");
    server
        .server()
        .rolloutJobs()
        .runOnce((release, since) -> new dev.petrel.server.rollouts.HealthCounts.Counts(50, 50));

    TestResponse pause =
        send("POST", "/api/v1/apps/default/releases/" + id + "/rollout/pause", "{}");

    assertThat(pause.status()).isEqualTo(409);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/rollout/pause", pause);
  }

  @Test
  void channelAnswersMatch() {
    TestResponse defined =
        send("PUT", "/api/v1/apps/default/channels/internal", "{\"receives_from\":\"beta\"}");
    TestResponse unknown =
        send("PUT", "/api/v1/apps/default/channels/qa", "{\"receives_from\":\"x\"}");
    publish("1.1.0-internal.1", 2, ",\"channel\":\"internal\"");
    TestResponse inUse = send("DELETE", "/api/v1/apps/default/channels/internal", null);
    TestResponse notFound = send("DELETE", "/api/v1/apps/default/channels/qa", null);
    TestResponse list = send("GET", "/api/v1/apps/default/channels", null);

    assertThat(defined.status()).isEqualTo(200);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(notFound.status()).isEqualTo(404);
    api.assertDocuments("PUT", "/api/v1/apps/{app}/channels/{name}", defined);
    api.assertDocuments("PUT", "/api/v1/apps/{app}/channels/{name}", unknown);
    api.assertDocuments("DELETE", "/api/v1/apps/{app}/channels/{name}", inUse);
    api.assertDocuments("DELETE", "/api/v1/apps/{app}/channels/{name}", notFound);
    api.assertDocuments("GET", "/api/v1/apps/{app}/channels", list);
  }

  @Test
  void experimentAnswersMatch() {
    long a = publish("1.1.0", 2, "");
    long b = publish("1.2.0", 3, "");
    String arms =
        "[{\"release_id\":%d,\"range_start\":0,\"range_end\":5000},{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}]"
            .formatted(a, b);
    TestResponse created =
        send("POST", "/api/v1/apps/default/experiments", "{\"name\":\"e\",\"arms\":" + arms + "}");
    long id = created.json().at("/experiment/id").asLong();
    TestResponse taken =
        send("POST", "/api/v1/apps/default/experiments", "{\"name\":\"e\",\"arms\":" + arms + "}");
    TestResponse invalid =
        send("POST", "/api/v1/apps/default/experiments", "{\"name\":\"e\",\"arms\":[]}");
    TestResponse noRelease =
        send(
            "POST",
            "/api/v1/apps/default/experiments",
            "{\"name\":\"e\",\"arms\":[{\"release_id\":99,\"range_start\":0,\"range_end\":1},"
                + "{\"release_id\":98,\"range_start\":1,\"range_end\":2}]}");
    TestResponse one = send("GET", "/api/v1/apps/default/experiments/" + id, null);
    TestResponse list = send("GET", "/api/v1/apps/default/experiments", null);
    TestResponse ended = send("POST", "/api/v1/apps/default/experiments/" + id + "/end", null);
    TestResponse missing = send("GET", "/api/v1/apps/default/experiments/999", null);

    assertThat(created.status()).isEqualTo(201);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(noRelease.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    String base = "/api/v1/apps/{app}/experiments";
    api.assertDocuments("POST", base, created);
    api.assertDocuments("POST", base, taken);
    api.assertDocuments("POST", base, invalid);
    api.assertDocuments("POST", base, noRelease);
    api.assertDocuments("GET", base + "/{id}", one);
    api.assertDocuments("GET", base, list);
    api.assertDocuments("POST", base + "/{id}/end", ended);
    api.assertDocuments("GET", base + "/{id}", missing);
  }
}
