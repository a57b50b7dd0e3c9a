package dev.petrel.server.artifacts;

import static dev.petrel.server.artifacts.Uploads.V1_DEFAULT;
import static dev.petrel.server.artifacts.Uploads.auditedUploads;
import static dev.petrel.server.artifacts.Uploads.bytes;
import static dev.petrel.server.artifacts.Uploads.filesOnDisk;
import static dev.petrel.server.artifacts.Uploads.upload;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.RawHttp;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads the server refuses, over HTTP, on each database: each answers its error and leaves no
 * file on disk (temporary ones included) and no audit row.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UploadRefusalTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  TestServer server;

  void start() {
    server = TestServer.start(database, dir);
  }

  void startWithLimit(long maxUploadBytes) {
    server = TestServer.start(database, dir, config -> config.maxUploadBytes(maxUploadBytes));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void uploadWithAWrongDigestIsRefusedAndLeavesNothing() {
    start();
    byte[] bytes = bytes(5000, 7);

    TestResponse refused =
        server.send(
            Uploads.request(server, V1_DEFAULT, bytes)
                .header("X-Petrel-Sha256", Sha256.of(new byte[] {1}).hex()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("artifact.digest_mismatch");
    assertThat(filesOnDisk(server)).isEmpty();
    assertThat(auditedUploads(server)).isZero();
  }

  @Test
  void uploadWithAWrongSizeIsRefusedAndLeavesNothing() {
    start();
    byte[] bytes = bytes(5000, 8);

    TestResponse shorter =
        server.send(Uploads.chunked(server, V1_DEFAULT, bytes).header("X-Petrel-Size", "5001"));
    TestResponse longer =
        server.send(Uploads.chunked(server, V1_DEFAULT, bytes).header("X-Petrel-Size", "4999"));

    assertThat(shorter.status()).isEqualTo(400);
    assertThat(shorter.json().get("code").asText()).isEqualTo("artifact.size_mismatch");
    assertThat(longer.status()).isEqualTo(400);
    assertThat(longer.json().get("code").asText()).isEqualTo("artifact.size_mismatch");
    assertThat(filesOnDisk(server)).isEmpty();
    assertThat(auditedUploads(server)).isZero();
  }

  @Test
  void uploadOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
    startWithLimit(1024);

    byte[] declaredBody = bytes(4096, 9);
    String declared = rawUpload("Content-Length: " + declaredBody.length, declaredBody);
    String streamed = rawUpload("Transfer-Encoding: chunked", oneChunk(bytes(4096, 10)));
    TestResponse atTheLimit = upload(server, bytes(1024, 11));

    assertThat(declared).startsWith("HTTP/1.1 413").contains("\"code\":\"artifact.too_large\"");
    assertThat(streamed).startsWith("HTTP/1.1 413").contains("\"code\":\"artifact.too_large\"");
    assertThat(atTheLimit.status()).isEqualTo(201);
    assertThat(filesOnDisk(server)).hasSize(1);
    assertThat(auditedUploads(server)).isEqualTo(1);
  }

  @Test
  void contentLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() throws Exception {
    startWithLimit(1024);

    try (RawHttp http = new RawHttp(server.server().port())) {
      http.head(
          "POST " + V1_DEFAULT + " HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + TestServer.ADMIN_TOKEN,
          "Content-Type: application/octet-stream",
          "Content-Length: 1000000000000");

      assertThat(http.statusLine()).startsWith("HTTP/1.1 413");
    }
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void uploadWithoutATokenIsRefusedAndLeavesNothing() {
    start();

    TestResponse refused =
        server.send(
            server
                .request(V1_DEFAULT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(5000, 12))));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("code").asText()).isEqualTo("auth.missing_token");
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void uploadWithAViewerTokenIsForbiddenAndLeavesNothing() {
    start();
    String viewer =
        server
            .postAsAdmin("/api/v1/tokens", "{\"name\":\"dashboard\",\"role\":\"viewer\"}")
            .json()
            .get("token")
            .asText();

    TestResponse refused =
        server.send(
            Uploads.request(server, V1_DEFAULT, bytes(5000, 13))
                .setHeader("Authorization", "Bearer " + viewer));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void uploadToAnUnknownAppIsNotFound() {
    start();

    TestResponse refused =
        server.send(Uploads.request(server, "/api/v1/apps/nope/artifacts", bytes(10, 14)));

    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.json().get("code").asText()).isEqualTo("app.not_found");
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void formUploadsAreRefused() {
    start();

    TestResponse form =
        server.send(
            Uploads.request(server, V1_DEFAULT, bytes(10, 16))
                .setHeader("Content-Type", "multipart/form-data; boundary=x"));

    assertThat(form.status()).isEqualTo(415);
    assertThat(form.json().get("code").asText()).isEqualTo("artifact.unsupported_media_type");
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void malformedDeclarationsAreRefused() {
    start();

    TestResponse badName =
        server.send(Uploads.request(server, V1_DEFAULT + "?file_name=..%2Fx", bytes(10, 17)));
    TestResponse badDigest =
        server.send(
            Uploads.request(server, V1_DEFAULT, bytes(10, 17)).header("X-Petrel-Sha256", "abc"));
    TestResponse badSize =
        server.send(
            Uploads.request(server, V1_DEFAULT, bytes(10, 17)).header("X-Petrel-Size", "-1"));

    assertThat(badName.status()).isEqualTo(400);
    assertThat(badDigest.status()).isEqualTo(400);
    assertThat(badDigest.json().get("code").asText()).isEqualTo("request.invalid_field");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(filesOnDisk(server)).isEmpty();
  }

  @Test
  void clientHangingUpMidUploadLeavesNothing() throws Exception {
    start();
    Path tmp = server.config().dataDir().resolve("artifacts").resolve("tmp");

    try (RawHttp http = new RawHttp(server.server().port())) {
      http.head(
          "POST " + V1_DEFAULT + " HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + TestServer.ADMIN_TOKEN,
          "Content-Type: application/octet-stream",
          "Content-Length: 10000000");
      http.body(bytes(200_000, 18));
      await(() -> !filesOnDisk(server).isEmpty(), "the upload to begin");
    }

    await(() -> filesOnDisk(server).isEmpty(), "the half upload to be removed");
    assertThat(tmp).isDirectory();
    assertThat(auditedUploads(server)).isZero();
  }

  /**
   * Uploads over a bare socket and reads the answer even if the server closes before reading the
   * whole body; the JDK client sometimes reports a reset connection instead of that answer.
   */
  private String rawUpload(String framing, byte[] body) throws IOException {
    return RawHttp.exchange(
        server.server().port(),
        "POST "
            + V1_DEFAULT
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + TestServer.ADMIN_TOKEN
            + "\r\nContent-Type: application/octet-stream\r\n"
            + framing
            + "\r\nConnection: close\r\n\r\n",
        body);
  }

  /** {@code bytes} as a chunked body of one chunk. */
  private static byte[] oneChunk(byte[] bytes) {
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    chunked.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(US_ASCII));
    chunked.writeBytes(bytes);
    chunked.writeBytes("\r\n0\r\n\r\n".getBytes(US_ASCII));
    return chunked.toByteArray();
  }

  static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
