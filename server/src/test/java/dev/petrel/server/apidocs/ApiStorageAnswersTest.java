package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.ArtifactStorage;
import dev.petrel.server.artifacts.s3.S3Location;
import dev.petrel.server.artifacts.s3.S3ProxyServer;
import dev.petrel.server.artifacts.s3.S3Settings;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers only an S3 store gives (a download's {@code 302}, a failing store's {@code 503})
 * match openapi.yaml.
 */
class ApiStorageAnswersTest {
  static final byte[] BYTES = "pretend this is an APK".getBytes(StandardCharsets.UTF_8);
  static final String SHA = Sha256.of(BYTES).hex();

  final OpenApiDescription api = OpenApiDescription.load();
  @TempDir Path dir;
  String bucket;
  TestServer server;

  @BeforeEach
  void start() {
    bucket = S3ProxyServer.newBucket();
    S3Settings s3 =
        new S3Settings(new S3Location(bucket, ""), S3ProxyServer.endpoint(), "us-east-1", true);
    ArtifactStorage storage = new ArtifactStorage(s3, true, null, Duration.ofSeconds(30));
    server = TestServer.start(TestDatabase.SQLITE, dir, config -> config.storage(storage));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  TestResponse upload() {
    return server.send(
        server
            .request("/api/v1/apps/default/artifacts")
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/octet-stream")
            .POST(BodyPublishers.ofByteArray(BYTES)));
  }

  @Test
  void aRedirectedDownloadMatches() {
    assertThat(upload().status()).isEqualTo(201);

    TestResponse redirect = server.get("/downloads/" + SHA + "/app.apk");

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).contains("/" + bucket + "/");
    api.assertDocuments("GET", "/downloads/{sha256}/{name}", redirect);
  }

  @Test
  void aStoreThatFailsAnswers503WithoutItsDetails() {
    S3ProxyServer.deleteBucket(bucket);

    TestResponse failed = upload();

    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.json().get("code").asText()).isEqualTo("artifacts.unavailable");
    assertThat(failed.json().get("message").asText()).doesNotContain(bucket);
    assertThat(failed.header("Retry-After")).isEqualTo("10");
    api.assertDocuments("POST", "/api/v1/apps/{app}/artifacts", failed);
  }
}
