package dev.petrel.server.artifacts;

import static dev.petrel.server.artifacts.Uploads.V1_DEFAULT;
import static dev.petrel.server.artifacts.Uploads.auditedUploads;
import static dev.petrel.server.artifacts.Uploads.bytes;
import static dev.petrel.server.artifacts.Uploads.filesOnDisk;
import static dev.petrel.server.artifacts.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Uploading artifacts and publishing them, over HTTP, on each database. */
class ArtifactUploadTest extends ServerTest {
  @Test
  void uploadedArtifactIsPublishedOfferedAndDownloadedByteForByte() {
    byte[] apk = bytes(300_000, 1);
    TestResponse uploaded = upload(server, apk);
    String sha = uploaded.json().get("sha256").asText();

    TestResponse published =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            """
            {"platform":"android","version":"1.1.0","version_code":2,
             "artifact_sha256":"%s","file_name":"app-1.1.0.apk"}
            """
                .formatted(sha));
    JsonNode check =
        server
            .post(
                "/api/updates/check",
                "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"d1\"}")
            .json();
    TestResponse download =
        server.send(HttpRequest.newBuilder(URI.create(check.get("download_url").asText())));

    assertThat(published.status()).isEqualTo(201);
    assertThat(check.get("update_available").asBoolean()).isTrue();
    assertThat(check.get("download_url").asText())
        .isEqualTo(server.url() + "/downloads/" + sha + "/app-1.1.0.apk");
    assertThat(check.get("file_size").asLong()).isEqualTo(apk.length);
    assertThat(check.get("checksum").asText()).isEqualTo(sha);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(apk);
    assertThat(Sha256.of(download.body()).hex()).isEqualTo(sha);
    assertThat(download.header("Content-Type"))
        .isEqualTo("application/vnd.android.package-archive");
  }

  @Test
  void publishingAnArtifactThatWasNeverUploadedIsRefused() {

    TestResponse refused =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            """
            {"platform":"android","version":"1.1.0","version_code":2,"artifact_sha256":"%s"}
            """
                .formatted(Sha256.of(bytes(10, 20)).hex()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("release.artifact_not_found");
  }

  @Test
  void publishingAnUploadedArtifactWithAnotherSizeIsRefused() {
    String sha = upload(server, bytes(100, 21)).json().get("sha256").asText();

    TestResponse refused =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            """
            {"platform":"android","version":"1.1.0","version_code":2,"artifact_sha256":"%s",
             "file_size":101}
            """
                .formatted(sha));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("release.size_mismatch");
  }

  @Test
  void seedWorkflowUploadsThenPublishesOnTheDefaultApp() {
    byte[] apk = bytes(50_000, 2);

    TestResponse uploaded = server.send(Uploads.request(server, "/api/updates/upload", apk));
    String sha = uploaded.json().get("sha256").asText();
    TestResponse published =
        server.postAsAdmin(
            "/api/updates/publish",
            """
            {"version":"1.1.0","version_code":2,"platform":"android",
             "artifact_sha256":"%s","file_name":"app-v1.1.0.apk","is_mandatory":false}
            """
                .formatted(sha));
    JsonNode latest = server.get("/api/updates/latest?platform=android").json();

    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(published.status()).isEqualTo(200);
    assertThat(latest.get("download_url").asText())
        .endsWith("/downloads/" + sha + "/app-v1.1.0.apk");
    TestResponse download =
        server.send(HttpRequest.newBuilder(URI.create(latest.get("download_url").asText())));
    assertThat(download.body()).isEqualTo(apk);
  }

  @Test
  void uploadAnswersTheDigestSizeAndDownloadUrl() {
    byte[] bytes = bytes(1000, 3);
    String sha = Sha256.of(bytes).hex();

    TestResponse uploaded =
        server.send(Uploads.request(server, V1_DEFAULT + "?file_name=tool-2.0.zip", bytes));

    assertThat(uploaded.status()).isEqualTo(201);
    JsonNode body = uploaded.json();
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("sha256").asText()).isEqualTo(sha);
    assertThat(body.get("size").asLong()).isEqualTo(1000);
    assertThat(body.get("download_url").asText())
        .isEqualTo(server.url() + "/downloads/" + sha + "/tool-2.0.zip");
    assertThat(filesOnDisk(server)).containsExactly(sha.substring(0, 2) + "/" + sha);
  }

  @Test
  void uploadWithoutAFileNameLinksToTheBareDigest() {
    byte[] bytes = bytes(10, 4);

    JsonNode body = upload(server, bytes).json();

    assertThat(body.get("download_url").asText())
        .isEqualTo(server.url() + "/downloads/" + Sha256.of(bytes).hex());
  }

  @Test
  void eachStoredUploadIsAudited() {
    byte[] bytes = bytes(10, 5);

    upload(server, bytes);
    upload(server, bytes);

    assertThat(auditedUploads(server)).isEqualTo(2);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'artifact.upload' AND target = '"
                    + Sha256.of(bytes).hex()
                    + "' AND app_id = 'default'"))
        .isEqualTo(2);
    assertThat(filesOnDisk(server)).hasSize(1);
  }

  @Test
  void uploadAcceptsAMatchingDeclaredDigestAndSize() {
    byte[] bytes = bytes(5000, 6);
    String sha = Sha256.of(bytes).hex().toUpperCase(java.util.Locale.ROOT);

    TestResponse byHeader =
        server.send(
            Uploads.chunked(server, V1_DEFAULT, bytes)
                .header("X-Petrel-Sha256", sha)
                .header("X-Petrel-Size", "5000"));
    TestResponse byQuery =
        server.send(Uploads.request(server, V1_DEFAULT + "?sha256=" + sha, bytes));

    assertThat(byHeader.status()).isEqualTo(201);
    assertThat(byQuery.status()).isEqualTo(201);
  }

  @Test
  void uploadToAnAppCreatedThroughTheApiWorks() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"desk\"}");

    TestResponse uploaded =
        server.send(Uploads.request(server, "/api/v1/apps/desk/artifacts", bytes(10, 15)));

    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'artifact.upload'"
                    + " AND app_id = 'desk'"))
        .isEqualTo(1);
  }
}
