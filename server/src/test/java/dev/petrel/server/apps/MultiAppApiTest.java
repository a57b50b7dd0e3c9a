package dev.petrel.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The /api/v1 API: apps, their releases, and the multi-app check. */
class MultiAppApiTest extends ServerTest {

  @Test
  void createsListsAndGetsApps() {
    TestResponse created =
        server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\",\"name\":\"Notes <b>\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().at("/app/name").asText()).isEqualTo("Notes <b>");
    assertThat(
            server.get("/api/v1/apps/notes", TestServer.ADMIN_TOKEN).json().at("/app/id").asText())
        .isEqualTo("notes");
    assertThat(server.get("/api/v1/apps", TestServer.ADMIN_TOKEN).json().get("apps"))
        .extracting(app -> app.get("id").asText())
        .containsExactly("default", "notes");
  }

  @Test
  void refusesADuplicateOrMalformedApp() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}");

    assertThat(server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}").status()).isEqualTo(409);
    assertThat(server.postAsAdmin("/api/v1/apps", "{\"id\":\"Not Valid\"}").status())
        .isEqualTo(400);
    assertThat(server.postAsAdmin("/api/v1/apps", "{}").json().get("code").asText())
        .isEqualTo("request.missing_field");
    assertThat(server.count("apps")).isEqualTo(2);
  }

  @Test
  void releasesOfOneAppAreInvisibleToAnother() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}");
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"paint\"}");
    TestResponse published =
        server.postAsAdmin("/api/v1/apps/notes/releases", Releases.external("linux", "2.0.0", 20));
    long id = published.json().at("/release/id").asLong();

    String check =
        "{\"platform\":\"linux\",\"current_version\":\"1.0.0\",\"version_code\":10,\"device_id\":\"d-1\"}";
    assertThat(published.status()).isEqualTo(201);
    assertThat(
            server
                .post("/api/v1/apps/notes/check", check)
                .json()
                .get("update_available")
                .asBoolean())
        .isTrue();
    assertThat(
            server
                .post("/api/v1/apps/paint/check", check)
                .json()
                .get("update_available")
                .asBoolean())
        .isFalse();
    assertThat(server.get("/api/v1/apps/paint/releases/" + id, TestServer.ADMIN_TOKEN).status())
        .isEqualTo(404);
    assertThat(server.post("/api/updates/deactivate/" + id, "", TestServer.ADMIN_TOKEN).status())
        .isEqualTo(404);
  }

  @Test
  void v1CheckAnswersWithTheOfferedRelease() {
    server.postAsAdmin("/api/v1/apps/default/releases", Releases.external("windows", "1.0.0", 1));
    server.postAsAdmin(
        "/api/v1/apps/default/releases", Releases.external("windows", "1.1.0", 2, true));

    JsonNode answer =
        server
            .post(
                "/api/v1/apps/default/check",
                "{\"platform\":\"windows\",\"current_version\":\"1.0.0+1\"}")
            .json();

    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(answer.get("update_available").asBoolean()).isTrue();
    assertThat(answer.get("is_mandatory").asBoolean()).isTrue();
    assertThat(answer.get("current_recalled").asBoolean()).isFalse();
    assertThat(answer.at("/release/version").asText()).isEqualTo("1.1.0");
    assertThat(answer.at("/release/version_code").asLong()).isEqualTo(2);
    assertThat(answer.at("/release/checksum").asText()).hasSize(64);
    assertThat(answer.at("/release/download_url").asText())
        .isEqualTo("https://cdn.example.com/app-1.1.0.apk");
  }

  @Test
  void v1CheckHonoursChannels() {
    server.postAsAdmin("/api/v1/apps/default/releases", Releases.external("macos", "1.0.0", 1));
    String beta =
        Releases.external("macos", "1.1.0-beta.1", 2).replace("{", "{\"channel\":\"beta\",");
    server.postAsAdmin("/api/v1/apps/default/releases", beta);

    String stable = "{\"platform\":\"macos\",\"current_version\":\"0.9.0\",\"device_id\":\"d\"}";
    String betaCheck =
        "{\"platform\":\"macos\",\"current_version\":\"0.9.0\",\"device_id\":\"d\",\"channel\":\"beta\"}";
    assertThat(
            server
                .post("/api/v1/apps/default/check", stable)
                .json()
                .at("/release/version")
                .asText())
        .isEqualTo("1.0.0");
    assertThat(
            server
                .post("/api/v1/apps/default/check", betaCheck)
                .json()
                .at("/release/version")
                .asText())
        .isEqualTo("1.1.0-beta.1");
  }

  @Test
  void recalledCurrentVersionIsReported() {
    long id =
        server
            .postAsAdmin("/api/v1/apps/default/releases", Releases.external("linux", "1.0.0", 1))
            .json()
            .at("/release/id")
            .asLong();
    server.postAsAdmin("/api/v1/apps/default/releases/" + id + "/deactivate", "");

    JsonNode answer =
        server
            .post(
                "/api/v1/apps/default/check",
                "{\"platform\":\"linux\",\"current_version\":\"1.0.0+1\"}")
            .json();

    assertThat(answer.get("current_recalled").asBoolean()).isTrue();
    assertThat(answer.get("update_available").asBoolean()).isFalse();
  }

  @Test
  void listsAndGetsReleasesWithPaging() {
    for (int code = 1; code <= 5; code++) {
      server.postAsAdmin(
          "/api/v1/apps/default/releases", Releases.external("ios", "1.0." + code, code));
    }

    JsonNode page =
        server
            .get(
                "/api/v1/apps/default/releases?platform=ios&limit=2&offset=1",
                TestServer.ADMIN_TOKEN)
            .json();
    assertThat(page.get("releases"))
        .extracting(r -> r.get("version").asText())
        .containsExactly("1.0.4", "1.0.3");
    long id = page.get("releases").get(0).get("id").asLong();
    assertThat(
            server
                .get("/api/v1/apps/default/releases/" + id, TestServer.ADMIN_TOKEN)
                .json()
                .at("/release/version_code")
                .asLong())
        .isEqualTo(4);
    assertThat(server.get("/api/v1/apps/default/releases?limit=0", TestServer.ADMIN_TOKEN).status())
        .isEqualTo(400);
  }

  @Test
  void activateAndDeactivateAreIdempotent() {
    long id =
        server
            .postAsAdmin("/api/v1/apps/default/releases", Releases.external("linux", "1.0.0", 1))
            .json()
            .at("/release/id")
            .asLong();
    long audit = server.count("audit_log");

    TestResponse again =
        server.postAsAdmin("/api/v1/apps/default/releases/" + id + "/activate", "");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().at("/release/is_active").asBoolean()).isTrue();
    assertThat(server.count("audit_log")).isEqualTo(audit);
  }
}
