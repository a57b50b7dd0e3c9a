package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-artifact check: a 1 GiB file publishes with the CLI's heap capped at 128 MB, so
 * nothing on the CLI's side buffers the whole file. The CLI runs in its own JVM; the server in this
 * one, on SQLite (the database holds only the release row; the bytes go to the file store).
 */
@Tag("large")
class LargeArtifactPublishTest {
  private static final long SIZE = 1L << 30;
  private static final String CLI_HEAP = "-Xmx128m";

  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void publishesA1GibFileFromACliWithA128MbHeap() throws Exception {
    server = TestServer.start(TestDatabase.SQLITE, dir.resolve("server"));
    Path file = dir.resolve("big-1.0.0.bin");
    Sha256 expected = writeFile(file);

    long started = System.nanoTime();
    Path output = dir.resolve("cli-output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    CLI_HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.petrel.cli.Petrel",
                    "publish",
                    "--app",
                    "default",
                    "--platform",
                    "linux",
                    "--file",
                    file.toString(),
                    "--version",
                    "1.0.0"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("PETREL_SERVER", server.url());
    builder.environment().put("PETREL_TOKEN", TestServer.ADMIN_TOKEN);
    Process cli = builder.start();
    boolean done = cli.waitFor(5, TimeUnit.MINUTES);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (!done) {
      cli.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(
        "LargeArtifactPublishTest: CLI ("
            + CLI_HEAP
            + ") published 1 GiB in "
            + took.toMillis()
            + " ms");

    assertThat(done).as("CLI finished within 5 minutes").isTrue();
    assertThat(cli.exitValue()).as(printed).isZero();
    assertThat(printed).contains("uploaded 50 %", "uploaded 100 %", "published default 1.0.0");
    JsonNode release =
        server
            .get("/api/v1/apps/default/releases?platform=linux", TestServer.ADMIN_TOKEN)
            .json()
            .get("releases")
            .get(0);
    assertThat(release.get("file_size").asLong()).isEqualTo(SIZE);
    assertThat(release.get("checksum").asText()).isEqualTo(expected.hex());
  }

  /** Writes SIZE bytes of a varying pattern in 1 MiB chunks, hashing as it goes. */
  private static Sha256 writeFile(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < SIZE / chunk.length; i++) {
        chunk[0] = (byte) i;
        chunk[chunk.length - 1] = (byte) (i >> 8);
        chunk[i % chunk.length] ^= (byte) 0x5a;
        out.write(chunk);
        digest.update(chunk);
      }
    }
    return Sha256.ofDigest(digest.digest());
  }
}
