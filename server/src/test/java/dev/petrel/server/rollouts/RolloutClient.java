package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** The rollout API of one test server, spoken as the bootstrap admin unless a token is given. */
final class RolloutClient {
  private final TestServer server;

  RolloutClient(TestServer server) {
    this.server = server;
  }

  /** Publishes an android release with extra publish fields (a JSON fragment, or empty). */
  long publish(String version, long code, String extra) {
    String json = Releases.external("android", version, code);
    if (!extra.isEmpty()) {
      json = json.substring(0, json.lastIndexOf('}')) + "," + extra + "}";
    }
    TestResponse published = server.postAsAdmin("/api/v1/apps/default/releases", json);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().at("/release/id").asLong();
  }

  static String path(long release) {
    return "/api/v1/apps/default/releases/" + release + "/rollout";
  }

  JsonNode status(long release) {
    TestResponse answer = server.get(path(release), TestServer.ADMIN_TOKEN);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().get("rollout");
  }

  TestResponse post(String path, String json) {
    return server.postAsAdmin(path, json);
  }

  TestResponse send(String method, String path, String json, String token) {
    return server.send(
        server
            .request(path)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  JsonNode ok(TestResponse answer) {
    assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    return answer.json();
  }

  /** The version offered to {@code device} on android 1.0.0+1 in {@code channel}, or null. */
  String offered(String device, String channel) {
    TestResponse answer =
        server.post(
            "/api/v1/apps/default/check",
            """
            {"platform":"android","current_version":"1.0.0+1","device_id":"%s","channel":"%s"}
            """
                .formatted(device, channel));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode release = answer.json().get("release");
    return release.isNull() ? null : release.get("version").asText();
  }

  String offered(String device) {
    return offered(device, "stable");
  }
}
