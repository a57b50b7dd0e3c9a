package dev.petrel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.system.StartPriority;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A server's start leaves no thread at the start's priority, whether it succeeds or fails. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StartPriorityOfAServerTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void aStartedServerHasNoThreadLeftAtTheStartsPriority() {
    try (TestServer server = TestServer.start(database, dir)) {
      assertThat(Thread.currentThread().getPriority()).isEqualTo(Thread.NORM_PRIORITY);
      assertThat(threadsAtTheStartsPriority()).isEmpty();
      assertThat(server.get("/api/system/ready").status()).isEqualTo(200);
    }
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
