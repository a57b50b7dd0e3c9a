package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 64 MiB artifact goes up from a file and comes back down as a stream, neither side holding it in
 * memory. The server's part of that is a matter of code (the body is only ever read through a fixed
 * buffer); this test shows the whole path works at a size where buffering would show. One database
 * suffices: the size matters to the store and the HTTP layer only.
 */
class LargeArtifactTest extends ServerTest {
  static final int MIB = 1024 * 1024;
  static final int SIZE_MIB = 64;

  @Test
  void aLargeArtifactStreamsUpAndDownIntact() throws Exception {
    Path file = dir.resolve("large.bin");
    String sha = writeRandomFile(file);

    TestResponse uploaded =
        server.send(
            server
                .request(Uploads.V1_DEFAULT)
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .header("X-Petrel-Sha256", sha)
                .POST(BodyPublishers.ofFile(file)));

    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(uploaded.json().get("sha256").asText()).isEqualTo(sha);
    assertThat(uploaded.json().get("size").asLong()).isEqualTo((long) SIZE_MIB * MIB);

    HttpResponse<InputStream> download =
        HttpClient.newHttpClient()
            .send(
                server.request("/downloads/" + sha).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest digest = Sha256.newDigest();
    long received = 0;
    try (InputStream in = download.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int read; (read = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, read);
        received += read;
      }
    }

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(received);
    assertThat(received).isEqualTo((long) SIZE_MIB * MIB);
    assertThat(Sha256.ofDigest(digest.digest()).hex()).isEqualTo(sha);
  }

  /** Writes {@link #SIZE_MIB} MiB of pseudo-random bytes; returns their SHA-256. */
  static String writeRandomFile(Path file) throws Exception {
    MessageDigest digest = Sha256.newDigest();
    Random random = new Random(64);
    byte[] chunk = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < SIZE_MIB; i++) {
        random.nextBytes(chunk);
        digest.update(chunk);
        out.write(chunk);
      }
    }
    return Sha256.ofDigest(digest.digest()).hex();
  }
}
