package dev.petrel.server.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import org.junit.jupiter.api.Test;

/**
 * Replays every request of the seed document ("Backend API" and "Deployment workflow") and checks
 * every response field it documents. The seed's placeholders ("http://...", "sha256...") are
 * replaced by real values: Petrel refuses a checksum that is not a SHA-256.
 */
class SeedApiContractTest extends ServerTest {

  static final String CHECKSUM = Releases.sha("app-v1.1.0.apk");

  /** The seed's "Publish Version (Admin)" / "Deployment workflow" request, placeholders filled. */
  static final String SEED_PUBLISH =
      """
      {
        "version": "1.1.0",
        "version_code": 2,
        "platform": "android",
        "download_url": "http://185.139.230.196/downloads/app-v1.1.0.apk",
        "file_size": 25000000,
        "checksum": "%s",
        "release_notes": "• Bug fixes\\n• Performance improvements\\n• New features",
        "is_mandatory": false
      }
      """
          .formatted(CHECKSUM);

  /** The seed's "Check for Updates" request, verbatim. */
  static final String SEED_CHECK =
      """
      {
        "platform": "android",
        "current_version": "1.0.0+1",
        "device_id": "abc123"
      }
      """;

  @Test
  void publishAnswersOkWithTheNewReleaseId() {
    TestResponse published = server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);

    assertThat(published.status()).isEqualTo(200);
    assertThat(published.json().get("ok").asBoolean()).isTrue();
    assertThat(published.json().get("id").asLong()).isPositive();
    assertThat(published.json().get("message").asText()).contains("1.1.0");
  }

  @Test
  void checkAnswersEveryDocumentedField() {
    server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);

    TestResponse check = server.post("/api/updates/check", SEED_CHECK);

    assertThat(check.status()).isEqualTo(200);
    JsonNode body = check.json();
    assertThat(body.get("update_available").isBoolean()).isTrue();
    assertThat(body.get("update_available").asBoolean()).isTrue();
    assertThat(body.get("latest_version").asText()).isEqualTo("1.1.0");
    assertThat(body.get("version_code").isIntegralNumber()).isTrue();
    assertThat(body.get("version_code").asLong()).isEqualTo(2);
    assertThat(body.get("download_url").asText())
        .isEqualTo("http://185.139.230.196/downloads/app-v1.1.0.apk");
    assertThat(body.get("file_size").asLong()).isEqualTo(25_000_000);
    assertThat(body.get("checksum").asText()).isEqualTo(CHECKSUM);
    assertThat(body.get("release_notes").asText())
        .isEqualTo("• Bug fixes\n• Performance improvements\n• New features");
    assertThat(body.get("is_mandatory").isBoolean()).isTrue();
    assertThat(body.get("is_mandatory").asBoolean()).isFalse();
    assertThat(body.get("message").asText()).isEqualTo("New version available!");
  }

  @Test
  void checkFromTheFlutterClientWithoutDeviceIdStillWorks() {
    server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);

    // The seed's Dart UpdateService sends only platform and current_version.
    TestResponse check =
        server.post(
            "/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}");

    assertThat(check.status()).isEqualTo(200);
    assertThat(check.json().get("update_available").asBoolean()).isTrue();
  }

  @Test
  void latestAnswersEveryDocumentedField() {
    server.postAsAdmin("/api/updates/publish", SEED_PUBLISH);

    TestResponse latest = server.get("/api/updates/latest?platform=android");

    assertThat(latest.status()).isEqualTo(200);
    JsonNode body = latest.json();
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("version").asText()).isEqualTo("1.1.0");
    assertThat(body.get("version_code").asLong()).isEqualTo(2);
    assertThat(body.get("platform").asText()).isEqualTo("android");
    assertThat(body.get("download_url").asText())
        .isEqualTo("http://185.139.230.196/downloads/app-v1.1.0.apk");
    assertThat(body.get("file_size").asLong()).isEqualTo(25_000_000);
    assertThat(body.get("checksum").asText()).isEqualTo(CHECKSUM);
    assertThat(body.get("release_notes").asText()).startsWith("• Bug fixes");
    assertThat(body.get("is_mandatory").asBoolean()).isFalse();
    assertThat(body.get("published_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void rollbackStrategyDeactivatesTheBadVersionAndReactivatesThePrevious() {
    long first =
        server
            .postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1))
            .json()
            .get("id")
            .asLong();
    server.postAsAdmin("/api/updates/deactivate/" + first, "");
    long bad = server.postAsAdmin("/api/updates/publish", SEED_PUBLISH).json().get("id").asLong();

    // Step 1 of the seed's rollback: deactivate the bad version.
    TestResponse deactivated = server.postAsAdmin("/api/updates/deactivate/" + bad, "");
    // Step 2, which the seed did in raw SQL: re-activate the previous version.
    TestResponse activated = server.postAsAdmin("/api/updates/activate/" + first, "");

    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.json().get("ok").asBoolean()).isTrue();
    assertThat(activated.json().get("ok").asBoolean()).isTrue();
    // Step 3: users get the previous version on their next check.
    JsonNode latest = server.get("/api/updates/latest?platform=android").json();
    assertThat(latest.get("version").asText()).isEqualTo("1.0.0");
    JsonNode check =
        server
            .post(
                "/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"0.9.0+0\"}")
            .json();
    assertThat(check.get("latest_version").asText()).isEqualTo("1.0.0");
  }

  @Test
  void deactivateRequiresTheAdminToken() {
    long id = server.postAsAdmin("/api/updates/publish", SEED_PUBLISH).json().get("id").asLong();

    TestResponse refused = server.post("/api/updates/deactivate/" + id, "");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("ok").asBoolean()).isFalse();
    assertThat(server.get("/api/updates/latest?platform=android").json().get("version").asText())
        .isEqualTo("1.1.0");
  }

  @Test
  void healthAnswersOk() {
    TestResponse health = server.get("/api/system/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("ok").asBoolean()).isTrue();
  }

  @Test
  void latestWithoutAnyReleaseIsNotFound() {
    TestResponse latest = server.get("/api/updates/latest?platform=ios");

    assertThat(latest.status()).isEqualTo(404);
    assertThat(latest.json().get("code").asText()).isEqualTo("release.not_found");
  }

  @Test
  void sameVersionMayExistOnEachPlatform() {
    TestResponse android =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));
    TestResponse ios =
        server.postAsAdmin("/api/updates/publish", Releases.external("ios", "1.1.0", 2));

    assertThat(android.status()).isEqualTo(200);
    assertThat(ios.status()).isEqualTo(200);
    assertThat(server.get("/api/updates/latest?platform=ios").json().get("version").asText())
        .isEqualTo("1.1.0");
  }
}
