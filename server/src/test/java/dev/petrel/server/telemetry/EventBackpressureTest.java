package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.Events.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Over its rate a client is told to come back later (429); when the writer cannot keep up the batch
 * is refused (503), never accepted and dropped. Either way the client keeps its events. A {@code
 * 202} comes only once the events are committed.
 */
class EventBackpressureTest extends ServerTest {
  @Override
  protected void configure(ServerConfig.Builder config) {
    config.telemetry(TelemetrySettings.DEFAULTS.withQueue(100));
  }

  private TestResponse send(String prefix, String device) {
    return server.post(PATH, Events.batchOf(prefix, 100).replace("device-1", device));
  }

  @Test
  void answers429WithRetryAfterOnceAClientSpentItsBudget() {
    int batches = EventIngest.BURST / 100;
    for (int i = 0; i < batches; i++) {
      TestResponse answer = send("burst-" + i, "device-1");
      assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
      awaitQueueBelow(1);
    }

    TestResponse limited = send("over", "device-1");
    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    assertThat(limited.json().get("code").asText()).isEqualTo("events.rate_limited");
    assertThat(limited.header("Retry-After")).isEqualTo("20"); // 100 events at 5 a second
    assertThat(send("other", "device-2").status()).isEqualTo(202);
    awaitQueueBelow(1); // the queue holds one batch of 100: let the writer take it

    server.clock().advance(Duration.ofSeconds(20));
    assertThat(send("later", "device-1").status()).isEqualTo(202);
    String metrics = server.get("/metrics").text();
    server.stop();

    assertThat(
            CheckTelemetryTest.metric(metrics, "petrel_client_events_rate_limited_requests_total"))
        .isEqualTo(1);
    assertThat(server.count("client_events")).isEqualTo(EventIngest.BURST + 200);
    assertThat(server.queryLong("SELECT COUNT(*) FROM client_events WHERE event_id LIKE 'over-%'"))
        .isZero();
  }

  @Test
  void answers202OnlyAfterCommitAnd503WhenTheWriteQueueIsFull() throws Exception {
    CompletableFuture<TestResponse> writing;
    CompletableFuture<TestResponse> queued;
    TestResponse busy;
    try (Connection blocker = DriverManager.getConnection(server.jdbcUrl())) {
      lockEventsTable(blocker);
      writing = CompletableFuture.supplyAsync(() -> send("full-0", "device-0"));
      awaitWriterHolding(writing); // taken off the queue, its transaction blocked by the lock
      queued = CompletableFuture.supplyAsync(() -> send("full-1", "device-1"));
      awaitQueueAtLeast(100);
      busy = send("full-2", "device-2");

      assertThat(writing).as("no 202 before the events are committed").isNotDone();
      assertThat(queued).isNotDone();
      blocker.rollback();
    }
    TestResponse first = writing.get(30, TimeUnit.SECONDS);
    TestResponse second = queued.get(30, TimeUnit.SECONDS);
    String metrics = server.get("/metrics").text();
    server.stop();

    assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
    assertThat(busy.json().get("code").asText()).isEqualTo("events.busy");
    assertThat(busy.header("Retry-After")).isEqualTo("5");
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(second.status()).as(second.toString()).isEqualTo(202);
    assertThat(CheckTelemetryTest.metric(metrics, "petrel_client_events_refused_total"))
        .isEqualTo(100);
    assertThat(server.count("client_events")).isEqualTo(200);
  }

  private void awaitWriterHolding(CompletableFuture<TestResponse> request) {
    long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    while (System.nanoTime() < deadline) {
      String metrics = server.get("/metrics").text();
      if (CheckTelemetryTest.metric(metrics, "petrel_client_events_accepted_total") == 100
          && CheckTelemetryTest.metric(metrics, "petrel_client_events_queued") == 0) {
        return;
      }
      assertThat(request).as("answered while the table is locked").isNotDone();
      Thread.onSpinWait();
    }
    throw new AssertionError("the writer did not take the first batch within 8 s");
  }

  private void awaitQueueAtLeast(long events) {
    long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    while (System.nanoTime() < deadline) {
      if (CheckTelemetryTest.metric(server.get("/metrics").text(), "petrel_client_events_queued")
          >= events) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the second batch was not queued within 8 s");
  }

  private void lockEventsTable(Connection connection) throws Exception {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (database == TestDatabase.SQLITE) {
        // Any write takes SQLite's single write lock until this transaction ends.
        statement.execute("INSERT INTO apps (id, name, created_at) VALUES ('lock-holder', 'x', 0)");
      } else {
        statement.execute("LOCK TABLE client_events IN EXCLUSIVE MODE");
      }
    }
  }

  private void awaitQueueBelow(long events) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (CheckTelemetryTest.metric(server.get("/metrics").text(), "petrel_client_events_queued")
          < events) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the event queue did not drain within 10 s");
  }
}
