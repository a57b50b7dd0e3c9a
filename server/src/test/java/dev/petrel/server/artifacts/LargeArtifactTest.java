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
 * A 64 MiB artifact goes up from a file and comes back down as a stream, whole or as a range,
 * neither side holding it in memory. The server's part of that is a matter of code (the upload is
 * read through a fixed buffer, the download written from the mapped file); these tests show the
 * whole path sends exactly the right bytes at a size where buffering would show. One database
 * suffices: the size matters to the store and the HTTP layer only.
 */
class LargeArtifactTest extends ServerTest {
  static final int MIB = 1024 * 1024;
  static final int SIZE_MIB = 64;

  @Test
  void aLargeArtifactStreamsUpAndDownIntact() throws Exception {
    Path file = dir.resolve("large.bin");
    String sha = writeRandomFile(file);

    TestResponse uploaded = upload(file, sha);

    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(uploaded.json().get("sha256").asText()).isEqualTo(sha);
    assertThat(uploaded.json().get("size").asLong()).isEqualTo((long) SIZE_MIB * MIB);

    HttpResponse<InputStream> download =
        HttpClient.newHttpClient()
            .send(
                server.request("/downloads/" + sha).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    Received received = receive(download);

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(received.bytes());
    assertThat(received.bytes()).isEqualTo((long) SIZE_MIB * MIB);
    assertThat(received.sha256()).isEqualTo(sha);
  }

  @Test
  void aRangeOfALargeArtifactComesBackExactly() throws Exception {
    Path file = dir.resolve("large.bin");
    String sha = writeRandomFile(file);
    assertThat(upload(file, sha).status()).isEqualTo(201);
    long first = 12_345_679; // neither page- nor window-aligned
    long last = (long) (SIZE_MIB - 3) * MIB + 4_321;

    HttpResponse<InputStream> download =
        HttpClient.newHttpClient()
            .send(
                server
                    .request("/downloads/" + sha)
                    .header("Range", "bytes=" + first + "-" + last)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    Received received = receive(download);

    assertThat(download.statusCode()).isEqualTo(206);
    assertThat(download.headers().firstValue("Content-Range"))
        .hasValue("bytes " + first + "-" + last + "/" + (long) SIZE_MIB * MIB);
    assertThat(received.bytes()).isEqualTo(last - first + 1);
    assertThat(received.sha256()).isEqualTo(sha256Of(file, first, last - first + 1));
  }

  /** How many bytes a body held and their SHA-256. */
  record Received(long bytes, String sha256) {}

  static Received receive(HttpResponse<InputStream> download) throws Exception {
    MessageDigest digest = Sha256.newDigest();
    long received = 0;
    try (InputStream in = download.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int read; (read = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, read);
        received += read;
      }
    }
    return new Received(received, Sha256.ofDigest(digest.digest()).hex());
  }

  /** The SHA-256 of {@code length} bytes of {@code file} from {@code offset}. */
  static String sha256Of(Path file, long offset, long length) throws Exception {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      byte[] buffer = new byte[64 * 1024];
      for (long left = length; left > 0; ) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        digest.update(buffer, 0, read);
        left -= read;
      }
    }
    return Sha256.ofDigest(digest.digest()).hex();
  }

  TestResponse upload(Path file, String sha) throws Exception {
    return server.send(
        server
            .request(Uploads.V1_DEFAULT)
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/octet-stream")
            .header("X-Petrel-Sha256", sha)
            .POST(BodyPublishers.ofFile(file)));
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
