package dev.petrel.server.artifacts;

import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Random;

/** Small helpers for tests that upload artifacts over HTTP and look at what reached the disk. */
final class Uploads {
  static final String V1_DEFAULT = "/api/v1/apps/default/artifacts";

  private Uploads() {}

  /** Deterministic pseudo-random bytes. */
  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** A POST of {@code bytes} (with Content-Length) to {@code path} as the admin. */
  static HttpRequest.Builder request(TestServer server, String path, byte[] bytes) {
    return server
        .request(path)
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .header("Content-Type", "application/octet-stream")
        .POST(BodyPublishers.ofByteArray(bytes));
  }

  /** A chunked POST of {@code bytes} (no Content-Length) to {@code path} as the admin. */
  static HttpRequest.Builder chunked(TestServer server, String path, byte[] bytes) {
    return server
        .request(path)
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .header("Content-Type", "application/octet-stream")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
  }

  /** Uploads {@code bytes} to the default app as the admin. */
  static TestResponse upload(TestServer server, byte[] bytes) {
    return server.send(request(server, V1_DEFAULT, bytes));
  }

  /** Every regular file under the server's artifact directory, temporary uploads included. */
  static List<String> filesOnDisk(TestServer server) {
    try {
      return ArtifactStoreContract.regularFilesUnder(
          server.config().dataDir().resolve("artifacts"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many uploads the audit log records. */
  static long auditedUploads(TestServer server) {
    return server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'artifact.upload'");
  }
}
