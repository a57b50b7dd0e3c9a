package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Real upload and download answers match openapi.yaml, as {@link ApiAnswersTest} for the rest. */
class ApiArtifactAnswersTest extends ServerTest {
  static final byte[] BYTES = "pretend this is an APK".getBytes(StandardCharsets.UTF_8);
  static final String SHA = dev.petrel.protocol.Sha256.of(BYTES).hex();

  final OpenApiDescription api = OpenApiDescription.load();

  private HttpRequest.Builder upload(String path, String contentType, byte[] bytes) {
    return server
        .request(path)
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(bytes));
  }

  @Test
  void uploadAnswersMatch() {
    TestResponse seed =
        server.send(
            upload("/api/updates/upload?file_name=app.apk", "application/octet-stream", BYTES)
                .header("X-Petrel-Sha256", SHA));
    TestResponse v1 =
        server.send(upload("/api/v1/apps/default/artifacts", "application/octet-stream", BYTES));
    TestResponse mismatch =
        server.send(
            upload("/api/v1/apps/default/artifacts", "application/octet-stream", BYTES)
                .header("X-Petrel-Sha256", Releases.sha("other bytes")));
    TestResponse form =
        server.send(upload("/api/updates/upload", "multipart/form-data; boundary=x", BYTES));
    TestResponse unknownApp =
        server.send(
            upload("/api/v1/apps/nothing-here/artifacts", "application/octet-stream", BYTES));
    TestResponse viewer =
        server.send(
            server
                .request("/api/updates/upload")
                .header("Authorization", "Bearer " + TestTokens.issue(server, "viewer"))
                .POST(BodyPublishers.ofByteArray(BYTES)));

    assertThat(seed.status()).isEqualTo(201);
    assertThat(seed.json().get("sha256").asText()).isEqualTo(SHA);
    assertThat(v1.status()).isEqualTo(201);
    assertThat(mismatch.json().get("code").asText()).isEqualTo("artifact.digest_mismatch");
    assertThat(form.status()).isEqualTo(415);
    assertThat(unknownApp.status()).isEqualTo(404);
    assertThat(viewer.status()).isEqualTo(403);
    api.assertDocuments("POST", "/api/updates/upload", seed);
    api.assertDocuments("POST", "/api/v1/apps/{app}/artifacts", v1);
    api.assertDocuments("POST", "/api/v1/apps/{app}/artifacts", mismatch);
    api.assertDocuments("POST", "/api/updates/upload", form);
    api.assertDocuments("POST", "/api/v1/apps/{app}/artifacts", unknownApp);
    api.assertDocuments("POST", "/api/updates/upload", viewer);
  }

  @Test
  void hostedReleaseAnswersMatch() {
    server.send(upload("/api/updates/upload", "application/octet-stream", BYTES));
    TestResponse published =
        server.postAsAdmin(
            "/api/updates/publish",
            """
            {"version":"1.1.0+2","platform":"android","artifact_sha256":"%s",
             "file_name":"app-v1.1.0.apk"}
            """
                .formatted(SHA));
    TestResponse check =
        server.post(
            "/api/updates/check", "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}");

    assertThat(published.json().at("/release/hosted").asBoolean()).isTrue();
    assertThat(check.json().get("download_url").asText())
        .isEqualTo(server.url() + "/downloads/" + SHA + "/app-v1.1.0.apk");
    api.assertDocuments("POST", "/api/updates/publish", published);
    api.assertDocuments("POST", "/api/updates/check", check);
  }

  @Test
  void downloadAnswersMatch() {
    server.send(upload("/api/updates/upload", "application/octet-stream", BYTES));
    String named = "/downloads/" + SHA + "/app.apk";
    TestResponse whole = server.get(named);
    TestResponse part =
        server.send(server.request("/downloads/" + SHA).header("Range", "bytes=0-3"));
    TestResponse notModified =
        server.send(server.request(named).header("If-None-Match", "\"" + SHA + "\""));
    TestResponse unsatisfiable = server.send(server.request(named).header("Range", "bytes=9999-"));
    TestResponse missing = server.get("/downloads/" + Releases.sha("nothing"));
    TestResponse head = server.send(server.request(named).method("HEAD", BodyPublishers.noBody()));

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(BYTES);
    assertThat(part.status()).isEqualTo(206);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(unsatisfiable.status()).isEqualTo(416);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(head.status()).isEqualTo(200);
    api.assertDocuments("GET", "/downloads/{sha256}/{name}", whole);
    api.assertDocuments("GET", "/downloads/{sha256}", part);
    api.assertDocuments("GET", "/downloads/{sha256}/{name}", notModified);
    api.assertDocuments("GET", "/downloads/{sha256}/{name}", unsatisfiable);
    api.assertDocuments("GET", "/downloads/{sha256}", missing);
    api.assertDocuments("HEAD", "/downloads/{sha256}/{name}", head);
  }
}
