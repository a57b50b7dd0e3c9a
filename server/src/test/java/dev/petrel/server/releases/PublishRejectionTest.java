package dev.petrel.server.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.RawHttp;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad publish request gets a clear 4xx and writes nothing. */
class PublishRejectionTest extends ServerTest {
  long releasesBefore;
  long auditBefore;

  @BeforeEach
  void countRows() {
    releasesBefore = server.count("releases");
    auditBefore = server.count("audit_log");
  }

  static Stream<Arguments> badBodies() {
    String ok = Releases.sha("x");
    return Stream.of(
        Arguments.of("{\"version\":", "request.malformed_json"),
        Arguments.of("[1,2]", "request.not_an_object"),
        Arguments.of("", "request.malformed_json"),
        Arguments.of("{\"version\":\"1.0.0\"} trailing", "request.malformed_json"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":\"2\",\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2.5,\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":0,\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"Android OS\",\"download_url\":\"https://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.missing_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "request.missing_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"download_url\":\"https://x.example/a\"}",
            "request.missing_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\"}",
            "release.artifact_required"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"ftp://x.example/a\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"file:///etc/passwd\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"checksum\":\"sha256...\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0+3\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\"}",
            "release.version_code_mismatch"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"is_mandatory\":\"yes\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"channel\":\"Night Ly\"}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"channel\":\"nightly\"}",
            "channel.unknown"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"ramp\":[{\"basis_points\":0}]}",
            "rollout.invalid_plan"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"rollout_basis_points\":10001}",
            "request.invalid_field"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"artifact_sha256\":\""
                + ok
                + "\"}",
            "release.artifact_not_found"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"artifact_sha256\":\""
                + ok
                + "\",\"download_url\":\"https://x.example/a\"}",
            "release.artifact_required"),
        Arguments.of(
            "{\"version\":\"1.0.0\",\"version_code\":2,\"platform\":\"android\",\"download_url\":\"https://x.example/a\",\"file_size\":-1}",
            "request.invalid_field"));
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void refusesBadInputAndWritesNothing(String body, String code) {
    TestResponse answer = server.postAsAdmin("/api/updates/publish", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("ok").asBoolean()).isFalse();
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("message").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("at dev.");
    assertNothingWritten();
  }

  @Test
  void refusesADuplicateVersionWith409() {
    server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));
    long releases = server.count("releases");
    long audit = server.count("audit_log");

    TestResponse sameVersion =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 3));
    TestResponse sameCode =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.2.0", 2));

    assertThat(sameVersion.status()).isEqualTo(409);
    assertThat(sameVersion.json().get("code").asText()).isEqualTo("release.duplicate_version");
    assertThat(sameCode.status()).isEqualTo(409);
    assertThat(server.count("releases")).isEqualTo(releases);
    assertThat(server.count("audit_log")).isEqualTo(audit);
  }

  @Test
  void refusesABuildVariantOfAnExistingVersion() {
    server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));

    TestResponse variant =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0+9", 9));

    assertThat(variant.status()).isEqualTo(409);
  }

  @Test
  void refusesAnOversizedBodyWith413() throws Exception {
    byte[] huge =
        ("{\"release_notes\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
            .getBytes(StandardCharsets.US_ASCII);

    // A bare socket: the server may answer from Content-Length and close before reading the body,
    // which the JDK client sometimes reports as a reset connection instead of the answer.
    String answer =
        RawHttp.exchange(
            server.server().port(),
            "POST /api/updates/publish HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + TestServer.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + huge.length
                + "\r\nConnection: close\r\n\r\n",
            huge);

    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request.too_large\"");
    assertNothingWritten();
  }

  @Test
  void refusesOverlongReleaseNotes() {
    String body =
        Releases.external("android", "1.1.0", 2)
            .replace("\"Notes for 1.1.0\"", "\"" + "n".repeat(PublishRequest.MAX_NOTES + 1) + "\"");

    TestResponse answer = server.postAsAdmin("/api/updates/publish", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).startsWith("release_notes: expected at most");
    assertNothingWritten();
  }

  @Test
  void refusesPublishingToAnUnknownApp() {
    TestResponse answer =
        server.postAsAdmin("/api/v1/apps/nope/releases", Releases.external("android", "1.1.0", 2));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("code").asText()).isEqualTo("app.not_found");
    assertNothingWritten();
  }

  @Test
  void refusesDeactivatingAnUnknownOrMalformedId() {
    assertThat(server.postAsAdmin("/api/updates/deactivate/999", "").status()).isEqualTo(404);
    assertThat(server.postAsAdmin("/api/updates/deactivate/abc", "").json().get("code").asText())
        .isEqualTo("request.invalid_field");
    assertThat(server.postAsAdmin("/api/updates/deactivate/-1", "").status()).isEqualTo(400);
    assertNothingWritten();
  }

  @Test
  void refusesAnUnknownRouteAndMethodWithJson() {
    TestResponse missing = server.get("/api/updates/nothing-here");
    TestResponse put =
        server.send(server.request("/api/updates/check").PUT(HttpRequest.BodyPublishers.noBody()));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("ok").asBoolean()).isFalse();
    assertThat(put.status()).isIn(404, 405);
    assertThat(put.json().get("ok").asBoolean()).isFalse();
  }

  private void assertNothingWritten() {
    assertThat(server.count("releases")).isEqualTo(releasesBefore);
    assertThat(server.count("audit_log")).isEqualTo(auditBefore);
  }
}
