package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.PetrelServer;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code 202} means durable: a server in a child JVM is killed with SIGKILL in the middle of a
 * burst of client events, and every event it had answered {@code 202} for is in the database, with
 * the aggregates committed alongside.
 */
class EventDurabilityTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  @TempDir Path dir;

  /** A real server, as {@code petrel serve} runs it, in its own JVM. */
  public static final class ServerProcess {
    public static void main(String[] args) throws InterruptedException {
      ServerConfig config =
          ServerConfig.resolve(
              Map.of("--database-url", args[0], "--data-dir", args[1], "--port", "0"), Map.of());
      PetrelServer server = PetrelServer.start(config, Clock.systemUTC(), System.out);
      System.out.println("listening on port " + server.port());
      System.out.flush();
      Thread.currentThread().join();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void everyEventAnswered202SurvivesAKillDashNine(TestDatabase database) throws Exception {
    TestDatabase.Prepared prepared = database.prepare(dir);
    Path log = dir.resolve("server.log");
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServerProcess.class.getName(),
                prepared.jdbcUrl(),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      int port = awaitPort(server, log);
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger failedRequests = new AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int sender = t;
        Thread thread = new Thread(() -> sendUntilRefused(port, sender, accepted, failedRequests));
        thread.start();
        senders.add(thread);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (accepted.size() < 3_000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Thread thread : senders) {
        thread.join(30_000);
      }

      assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(accepted.size()).as("events answered 202 before the kill").isGreaterThan(1_000);
      Set<String> stored = storedEventIds(prepared.jdbcUrl());
      assertThat(stored).containsAll(accepted);
      assertThat(summedEvents(prepared.jdbcUrl()))
          .as("the aggregates hold exactly the stored events")
          .isEqualTo(stored.size());
      System.out.printf(
          "%s: %d events answered 202, %d stored, %d requests cut by the kill%n",
          database, accepted.size(), stored.size(), failedRequests.get());
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
      prepared.cleanup().run();
    }
  }

  /** Sends batches of 50 events until the server stops answering; records the ids of 202s. */
  private static void sendUntilRefused(
      int port, int sender, Set<String> accepted, AtomicInteger failedRequests) {
    for (int batch = 0; ; batch++) {
      List<String> ids = new ArrayList<>();
      List<String> events = new ArrayList<>();
      String device = "device-" + sender + "-" + batch; // a fresh rate budget per batch
      for (int i = 0; i < 50; i++) {
        String id = "kill-%d-%05d-%02d".formatted(sender, batch, i);
        ids.add(id);
        events.add(Events.event(id, "download_started", "1.1.0", 2, device, Instant.now(), null));
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Events.PATH))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(Events.batch(events)))
              .build();
      try {
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 202) {
          accepted.addAll(ids);
        }
      } catch (IOException e) {
        failedRequests.incrementAndGet();
        return; // the server is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int awaitPort(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher matcher = LISTENING.matcher(output);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      assertThat(server.isAlive()).as("server process running; output: %s", output).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not start within 60 s");
  }

  private static Set<String> storedEventIds(String jdbcUrl) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT event_id FROM client_events")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private static long summedEvents(String jdbcUrl) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT COALESCE(SUM(n), 0) FROM telemetry_daily"
                        + " WHERE metric = 'download_started'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
