package dev.petrel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.system.StartPriority;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server serves at the start's priority until it has settled, and leaves no thread there
 * afterwards, when it is closed, or when its start fails.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StartPriorityOfAServerTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void aStartedServerServesAtTheStartsPriorityUntilItHasSettled() throws Exception {
    try (TestDatabase.Prepared prepared = database.prepare(dir);
        PetrelServer server =
            PetrelServer.start(
                ServerConfig.builder()
                    .port(0)
                    .dataDir(dir.resolve("data"))
                    .databaseUrl(prepared.jdbcUrl())
                    .build(),
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream()),
                Duration.ofSeconds(5))) {
      assertThat(Thread.currentThread().getPriority()).isEqualTo(Thread.NORM_PRIORITY);
      HttpResponse<String> ready = ready(server.port());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(threadsAtTheStartsPriority())
          .as("the request threads before the node has settled")
          .anyMatch(thread -> thread.getName().startsWith("JettyServerThreadPool"));

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!threadsAtTheStartsPriority().isEmpty()) {
        assertThat(System.nanoTime())
            .as(
                "settled within 20 s; still at the start's priority: %s",
                threadsAtTheStartsPriority())
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(ready(server.port()).statusCode()).isEqualTo(200);
      assertThat(threadsAtTheStartsPriority()).as("threads made after settling").isEmpty();
    }
  }

  @Test
  void aServerClosedBeforeItSettlesLeavesNoThreadAtTheStartsPriority() {
    try (TestServer server = TestServer.start(database, dir)) {
      assertThat(server.get("/api/system/ready").status()).isEqualTo(200);
    }
    assertThat(threadsAtTheStartsPriority()).isEmpty();
  }

  private static HttpResponse<String> ready(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/system/ready"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFailedStartGivesTheCallerItsPriorityBack() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
    ServerConfig unreachable =
        ServerConfig.builder()
            .port(0)
            .dataDir(dir.resolve("data"))
            .databaseUrl(
                database == TestDatabase.SQLITE
                    ? "jdbc:sqlite:" + notADirectory.resolve("petrel.db")
                    : "jdbc:postgresql://127.0.0.1:1/petrel?user=postgres&connectTimeout=2")
            .build();
    PrintStream console = new PrintStream(new ByteArrayOutputStream());
    assertThatThrownBy(() -> PetrelServer.start(unreachable, Clock.systemUTC(), console))
        .isInstanceOf(RuntimeException.class);
    assertThat(Thread.currentThread().getPriority()).isEqualTo(Thread.NORM_PRIORITY);
    assertThat(threadsAtTheStartsPriority()).isEmpty();
  }

  private static Set<Thread> threadsAtTheStartsPriority() {
    Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
    threads.removeIf(thread -> thread.getPriority() != StartPriority.START);
    return threads;
  }
}
