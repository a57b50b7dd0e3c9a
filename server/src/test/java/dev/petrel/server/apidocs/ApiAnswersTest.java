package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Real answers of the running server match openapi.yaml: each status is documented for its
 * operation, and each JSON body has every field its schema lists, with the declared type, and no
 * other field.
 */
class ApiAnswersTest extends ServerTest {
  static final String SEED_PUBLISH =
      """
      {"version":"1.1.0","version_code":2,"platform":"android",
       "download_url":"https://updates.example.com/downloads/app-v1.1.0.apk",
       "file_size":25000000,"checksum":"%s",
       "release_notes":"• Bug fixes\\n• New features","is_mandatory":false}
      """
          .formatted(Releases.sha("app-v1.1.0.apk"));

  static final String SEED_CHECK =
      """
      {"platform":"android","current_version":"1.0.0+1","device_id":"abc123"}
      """;

  final OpenApiDescription api = OpenApiDescription.load();

  private long publishSeedRelease() {
    TestResponse published = server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);
    api.assertDocuments("POST", "/api/updates/publish", published);
    assertThat(published.status()).isEqualTo(200);
    return published.json().get("id").asLong();
  }

  @Test
  void seedCheckAnswersMatch() {
    TestResponse upToDate = server.post("/api/updates/check", SEED_CHECK);
    publishSeedRelease();
    TestResponse offered = server.post("/api/updates/check", SEED_CHECK);
    TestResponse withoutDevice =
        server.post(
            "/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}");

    assertThat(upToDate.json().get("update_available").asBoolean()).isFalse();
    assertThat(offered.json().get("update_available").asBoolean()).isTrue();
    api.assertDocuments("POST", "/api/updates/check", upToDate);
    api.assertDocuments("POST", "/api/updates/check", offered);
    api.assertDocuments("POST", "/api/updates/check", withoutDevice);
  }

  @Test
  void seedCheckRefusalsMatch() {
    TestResponse badVersion =
        server.post("/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"x\"}");
    TestResponse mismatch =
        server.post(
            "/api/updates/check",
            "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"version_code\":2}");
    TestResponse notJson = server.post("/api/updates/check", "{");

    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(mismatch.json().get("code").asText()).isEqualTo("check.version_code_mismatch");
    assertThat(notJson.json().get("code").asText()).isEqualTo("request.malformed_json");
    for (TestResponse answer : new TestResponse[] {badVersion, mismatch, notJson}) {
      api.assertDocuments("POST", "/api/updates/check", answer);
    }
  }

  @Test
  void seedLatestAnswersMatch() {
    TestResponse none = server.get("/api/updates/latest?platform=android");
    TestResponse noPlatform = server.get("/api/updates/latest");
    publishSeedRelease();
    TestResponse latest = server.get("/api/updates/latest?platform=android");

    assertThat(none.status()).isEqualTo(404);
    assertThat(noPlatform.status()).isEqualTo(400);
    assertThat(latest.status()).isEqualTo(200);
    api.assertDocuments("GET", "/api/updates/latest", none);
    api.assertDocuments("GET", "/api/updates/latest", noPlatform);
    api.assertDocuments("GET", "/api/updates/latest", latest);
  }

  @Test
  void seedPublishRefusalsMatch() {
    publishSeedRelease();
    TestResponse duplicate = server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);
    TestResponse neither =
        server.postAsAdmin(
            "/api/updates/publish", "{\"platform\":\"android\",\"version\":\"1.2.0+3\"}");
    TestResponse anonymous = server.post("/api/updates/publish", SEED_PUBLISH);
    TestResponse viewer =
        server.post("/api/updates/publish", SEED_PUBLISH, TestTokens.issue(server, "viewer"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(neither.json().get("code").asText()).isEqualTo("release.artifact_required");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(viewer.status()).isEqualTo(403);
    for (TestResponse answer : new TestResponse[] {duplicate, neither, anonymous, viewer}) {
      api.assertDocuments("POST", "/api/updates/publish", answer);
    }
  }

  @Test
  void seedDeactivateActivateAndVersionsAnswersMatch() {
    long id = publishSeedRelease();
    TestResponse deactivated = server.postAsAdmin("/api/updates/deactivate/" + id, "");
    TestResponse recalledCheck =
        server.post("/api/updates/check", SEED_CHECK.replace("1.0.0+1", "1.1.0+2"));
    TestResponse activated = server.postAsAdmin("/api/updates/activate/" + id, "");
    TestResponse unknown = server.postAsAdmin("/api/updates/activate/999999", "");
    TestResponse badId = server.postAsAdmin("/api/updates/deactivate/abc", "");
    TestResponse versions =
        server.get("/api/updates/versions?platform=android", TestServer.ADMIN_TOKEN);
    TestResponse badLimit = server.get("/api/updates/versions?limit=0", TestServer.ADMIN_TOKEN);

    assertThat(deactivated.json().get("release").get("is_active").asBoolean()).isFalse();
    assertThat(recalledCheck.json().get("message").asText()).contains("withdrawn");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(versions.json().get("versions").size()).isEqualTo(1);
    assertThat(badLimit.status()).isEqualTo(400);
    api.assertDocuments("POST", "/api/updates/deactivate/{id}", deactivated);
    api.assertDocuments("POST", "/api/updates/check", recalledCheck);
    api.assertDocuments("POST", "/api/updates/activate/{id}", activated);
    api.assertDocuments("POST", "/api/updates/activate/{id}", unknown);
    api.assertDocuments("POST", "/api/updates/deactivate/{id}", badId);
    api.assertDocuments("GET", "/api/updates/versions", versions);
    api.assertDocuments("GET", "/api/updates/versions", badLimit);
  }

  @Test
  void appAnswersMatch() {
    TestResponse created =
        server.postAsAdmin("/api/v1/apps", "{\"id\":\"photo-viewer\",\"name\":\"Photo Viewer\"}");
    TestResponse exists = server.postAsAdmin("/api/v1/apps", "{\"id\":\"photo-viewer\"}");
    TestResponse badId = server.postAsAdmin("/api/v1/apps", "{\"id\":\"Photo Viewer\"}");
    TestResponse list = server.get("/api/v1/apps", TestServer.ADMIN_TOKEN);
    TestResponse one = server.get("/api/v1/apps/photo-viewer", TestServer.ADMIN_TOKEN);
    TestResponse missing = server.get("/api/v1/apps/nothing-here", TestServer.ADMIN_TOKEN);

    assertThat(created.status()).isEqualTo(201);
    assertThat(exists.status()).isEqualTo(409);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(list.json().get("apps").size()).isEqualTo(2);
    assertThat(missing.status()).isEqualTo(404);
    api.assertDocuments("POST", "/api/v1/apps", created);
    api.assertDocuments("POST", "/api/v1/apps", exists);
    api.assertDocuments("POST", "/api/v1/apps", badId);
    api.assertDocuments("GET", "/api/v1/apps", list);
    api.assertDocuments("GET", "/api/v1/apps/{app}", one);
    api.assertDocuments("GET", "/api/v1/apps/{app}", missing);
  }

  @Test
  void releaseKeyAnswersMatch() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"photo-viewer\"}");
    String base = "/api/v1/apps/photo-viewer";
    ReleasePublicKey first = TestKeys.generate();
    ReleasePublicKey second = TestKeys.generate();
    TestResponse added =
        server.postAsAdmin(
            base + "/keys", "{\"public_keys\":[\"" + first.base64() + "\"],\"label\":\"laptop\"}");
    TestResponse again = server.postAsAdmin(base + "/keys", TestKeys.addBody(first));
    TestResponse badKey =
        server.postAsAdmin(base + "/keys", "{\"public_keys\":[\"" + first.base64() + "\",\"x\"]}");
    TestResponse unknownApp =
        server.postAsAdmin("/api/v1/apps/nothing-here/keys", TestKeys.addBody(first));
    TestResponse required =
        server.patch(base, "{\"require_signatures\":true}", TestServer.ADMIN_TOKEN);
    TestResponse lastKey = server.postAsAdmin(base + "/keys/" + first.id() + "/remove", "");
    server.postAsAdmin(base + "/keys", TestKeys.addBody(second));
    TestResponse removed = server.postAsAdmin(base + "/keys/" + first.id() + "/remove", "");
    TestResponse readded = server.postAsAdmin(base + "/keys", TestKeys.addBody(first));
    TestResponse unknownKey = server.postAsAdmin(base + "/keys/0123456789abcdef/remove", "");
    TestResponse badKeyId = server.postAsAdmin(base + "/keys/XYZ/remove", "");
    TestResponse list = server.get(base + "/keys?all=true", TestServer.ADMIN_TOKEN);
    TestResponse badAll = server.get(base + "/keys?all=maybe", TestServer.ADMIN_TOKEN);
    server.patch(base, "{\"require_signatures\":false}", TestServer.ADMIN_TOKEN);
    server.postAsAdmin(base + "/keys/" + second.id() + "/remove", "");
    TestResponse noKeys =
        server.patch(base, "{\"require_signatures\":true}", TestServer.ADMIN_TOKEN);
    TestResponse notBoolean =
        server.patch(base, "{\"require_signatures\":\"yes\"}", TestServer.ADMIN_TOKEN);

    assertThat(added.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(unknownApp.status()).isEqualTo(404);
    assertThat(required.status()).isEqualTo(200);
    assertThat(lastKey.status()).isEqualTo(409);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(readded.status()).isEqualTo(409);
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(badKeyId.status()).isEqualTo(400);
    assertThat(list.json().get("keys").size()).isEqualTo(2);
    assertThat(badAll.status()).isEqualTo(400);
    assertThat(noKeys.status()).isEqualTo(409);
    assertThat(notBoolean.status()).isEqualTo(400);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys", added);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys", again);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys", badKey);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys", unknownApp);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys", readded);
    api.assertDocuments("PATCH", "/api/v1/apps/{app}", required);
    api.assertDocuments("PATCH", "/api/v1/apps/{app}", noKeys);
    api.assertDocuments("PATCH", "/api/v1/apps/{app}", notBoolean);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys/{key_id}/remove", lastKey);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys/{key_id}/remove", removed);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys/{key_id}/remove", unknownKey);
    api.assertDocuments("POST", "/api/v1/apps/{app}/keys/{key_id}/remove", badKeyId);
    api.assertDocuments("GET", "/api/v1/apps/{app}/keys", list);
    api.assertDocuments("GET", "/api/v1/apps/{app}/keys", badAll);
  }

  @Test
  void releaseAnswersMatch() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"photo-viewer\"}");
    String base = "/api/v1/apps/photo-viewer/releases";
    TestResponse published =
        server.postAsAdmin(
            base,
            """
            {"platform":"android","channel":"beta","version":"1.2.0","version_code":12,
             "min_supported_version":"1.0.0","download_url":"https://cdn.example.com/a.apk"}
            """);
    long id = published.json().get("release").get("id").asLong();
    TestResponse unknownApp =
        server.postAsAdmin(
            "/api/v1/apps/nothing-here/releases", Releases.external("ios", "1.0.0", 1));
    TestResponse list = server.get(base, TestServer.ADMIN_TOKEN);
    TestResponse one = server.get(base + "/" + id, TestServer.ADMIN_TOKEN);
    TestResponse missing = server.get(base + "/999999", TestServer.ADMIN_TOKEN);
    TestResponse deactivated = server.postAsAdmin(base + "/" + id + "/deactivate", "");
    TestResponse activated = server.postAsAdmin(base + "/" + id + "/activate", "");

    assertThat(published.status()).isEqualTo(201);
    assertThat(unknownApp.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases", published);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases", unknownApp);
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases", list);
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}", one);
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}", missing);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/deactivate", deactivated);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/activate", activated);
  }

  @Test
  void changelogAnswersMatch() {
    publishSeedRelease();
    String path = "/api/v1/apps/default/changelog?platform=android";
    TestResponse entries = server.get(path + "&from_version_code=1");
    TestResponse none = server.get(path + "&from_version_code=2");
    TestResponse missing = server.get(path);
    TestResponse unknownApp =
        server.get("/api/v1/apps/nothing-here/changelog?platform=android&from_version_code=1");

    assertThat(entries.json().get("entries").size()).isEqualTo(1);
    assertThat(none.json().get("entries").size()).isZero();
    assertThat(missing.status()).isEqualTo(400);
    assertThat(unknownApp.status()).isEqualTo(404);
    for (TestResponse answer : new TestResponse[] {entries, none, missing, unknownApp}) {
      api.assertDocuments("GET", "/api/v1/apps/{app}/changelog", answer);
    }
  }

  @Test
  void webhookAnswersMatch() {
    String hooks = "/api/v1/apps/default/webhooks";
    TestResponse created = server.postAsAdmin(hooks, "{\"url\":\"https://hooks.example.com/p\"}");
    TestResponse refused = server.postAsAdmin(hooks, "{\"url\":\"ftp://x\"}");
    TestResponse list = server.get(hooks, TestServer.ADMIN_TOKEN);
    TestResponse test = server.postAsAdmin(hooks + "/1/test", "");
    TestResponse log = server.get(hooks + "/1/deliveries", TestServer.ADMIN_TOKEN);
    TestResponse missing = server.get(hooks + "/9/deliveries", TestServer.ADMIN_TOKEN);
    TestResponse off = server.patch(hooks + "/1", "{\"enabled\":false}", TestServer.ADMIN_TOKEN);

    assertThat(created.status()).isEqualTo(201);
    assertThat(log.json().get("deliveries").size()).isEqualTo(1);
    api.assertDocuments("POST", "/api/v1/apps/{app}/webhooks", created);
    api.assertDocuments("POST", "/api/v1/apps/{app}/webhooks", refused);
    api.assertDocuments("GET", "/api/v1/apps/{app}/webhooks", list);
    api.assertDocuments("POST", "/api/v1/apps/{app}/webhooks/{id}/test", test);
    api.assertDocuments("GET", "/api/v1/apps/{app}/webhooks/{id}/deliveries", log);
    api.assertDocuments("GET", "/api/v1/apps/{app}/webhooks/{id}/deliveries", missing);
    api.assertDocuments("PATCH", "/api/v1/apps/{app}/webhooks/{id}", off);
  }

  @Test
  void livenessAndReadinessAnswersMatch() {
    TestResponse live = server.get("/api/system/live");
    TestResponse ready = server.get("/api/system/ready");

    assertThat(live.status()).isEqualTo(200);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("catalogue").asText()).isEqualTo("loaded");
    api.assertDocuments("GET", "/api/system/live", live);
    api.assertDocuments("GET", "/api/system/ready", ready);
  }

  @Test
  void v1CheckAnswersMatch() {
    TestResponse nothing = server.post("/api/v1/apps/default/check", SEED_CHECK);
    publishSeedRelease();
    TestResponse offer = server.post("/api/v1/apps/default/check", SEED_CHECK);
    TestResponse unknownApp = server.post("/api/v1/apps/nothing-here/check", SEED_CHECK);
    TestResponse badApp = server.post("/api/v1/apps/NOPE/check", SEED_CHECK);

    assertThat(nothing.json().get("release").isNull()).isTrue();
    assertThat(offer.json().get("release").isObject()).isTrue();
    assertThat(unknownApp.status()).isEqualTo(404);
    assertThat(badApp.status()).isEqualTo(400);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", nothing);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", offer);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", unknownApp);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", badApp);
  }

  @Test
  void tokenAnswersMatch() {
    TestResponse issued =
        server.postAsAdmin("/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"publisher\"}");
    TestResponse badRole =
        server.postAsAdmin("/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"owner\"}");
    long id = issued.json().at("/info/id").asLong();
    TestResponse list = server.get("/api/v1/tokens", TestServer.ADMIN_TOKEN);
    TestResponse revoked = server.postAsAdmin("/api/v1/tokens/" + id + "/revoke", "");
    TestResponse unknown = server.postAsAdmin("/api/v1/tokens/999999/revoke", "");
    TestResponse badId = server.postAsAdmin("/api/v1/tokens/abc/revoke", "");

    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
    assertThat(revoked.json().at("/info/revoked_at").isTextual()).isTrue();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(badId.status()).isEqualTo(400);
    api.assertDocuments("POST", "/api/v1/tokens", issued);
    api.assertDocuments("POST", "/api/v1/tokens", badRole);
    api.assertDocuments("GET", "/api/v1/tokens", list);
    api.assertDocuments("POST", "/api/v1/tokens/{id}/revoke", revoked);
    api.assertDocuments("POST", "/api/v1/tokens/{id}/revoke", unknown);
    api.assertDocuments("POST", "/api/v1/tokens/{id}/revoke", badId);
  }

  @Test
  void systemAnswersMatch() {
    TestResponse health = server.get("/api/system/health");
    TestResponse metrics = server.get("/metrics");

    assertThat(health.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("petrel_checks_total");
    api.assertDocuments("GET", "/api/system/health", health);
    api.assertDocuments("GET", "/metrics", metrics);
  }
}
