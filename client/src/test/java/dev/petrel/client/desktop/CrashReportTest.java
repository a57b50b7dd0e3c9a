package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.client.Updater;
import dev.petrel.client.internal.CrashHook;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.server.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that dies of an uncaught exception leaves an {@code app_crashed} event in the outbox (class
 * names only, no message), and it reaches a real server on the next start, in the crash-free
 * figures.
 */
class CrashReportTest {
  @TempDir Path dir;

  @Test
  void aCrashingJvmLeavesAnEventThatReachesTheServerOnTheNextStart() throws Exception {
    Path state = dir.resolve("state");
    try (PetrelFixture petrel = PetrelFixture.start(dir.resolve("server"))) {
      long release = petrel.publish("1.2.0", 12, new byte[] {1, 2, 3}).id();
      URI unreachable = URI.create("http://127.0.0.1:" + freePort());

      Process child =
          Children.start(
              List.of(),
              CrashingApp.class,
              state.toString(),
              unreachable.toString(),
              petrel.publicKey());
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(child.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("IllegalStateException"); // the JVM still prints the crash
      String outbox = outbox(state);
      assertThat(outbox)
          .contains("\"type\":\"app_crashed\"", "\"type\":\"app_started\"")
          .contains("java.lang.IllegalStateException caused by java.io.IOException")
          .doesNotContain("alice");
      assertThat(state.resolve(CrashHook.MARKER)).exists();

      try (Updater next =
          Updater.builder()
              .app("notes")
              .platform("linux")
              .installedVersion("1.2.0", 12)
              .trustedKey(petrel.publicKey())
              .stateDir(state)
              .server(petrel.uri())
              .build()) {
        // Building the updater sends what the outbox holds.
        assertThat(next.installedVersion()).isEqualTo("1.2.0");
        awaitEvents(petrel.server(), 2);
      }
      JsonNode figures =
          petrel
              .server()
              .get(
                  "/api/v1/apps/" + PetrelFixture.APP + "/releases/" + release + "/figures",
                  TestServer.ADMIN_TOKEN)
              .json();
      assertThat(figures.at("/crash_free/sessions").asLong()).isEqualTo(1);
      assertThat(figures.at("/crash_free/crashes").asLong()).isEqualTo(1);
      assertThat(figures.at("/crash_free/crash_free_sessions_basis_points").asInt()).isZero();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!outbox(state).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(outbox(state)).isEmpty();
    }
  }

  private static String outbox(Path state) throws IOException {
    Path outbox = state.resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path file : files.sorted().toList()) {
        all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return all.toString();
  }

  private static void awaitEvents(TestServer server, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.count("client_events") < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.count("client_events")).isEqualTo(count);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
