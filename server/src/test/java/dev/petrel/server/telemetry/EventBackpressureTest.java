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
import org.junit.jupiter.api.Test;

/**
 * Over its rate a client is told to come back later (429); when the writer cannot keep up the batch
 * is refused (503), never accepted and dropped. Either way the client keeps its events.
 */
class EventBackpressureTest extends ServerTest {
  @Override
  protected ServerConfig configure(ServerConfig config) {
    return config.withTelemetryQueue(100);
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
  void answers503WhenTheWriteQueueIsFullAndLosesNothingItAccepted() throws Exception {
    long accepted = 0;
    TestResponse busy = null;
    try (Connection blocker = DriverManager.getConnection(server.jdbcUrl())) {
      lockEventsTable(blocker);
      for (int i = 0; i < 5 && busy == null; i++) {
        TestResponse answer = send("full-" + i, "device-" + i);
        if (answer.status() == 202) {
          accepted += answer.json().get("accepted").asLong();
        } else {
          busy = answer;
        }
      }
      blocker.rollback();
    }
    String metrics = server.get("/metrics").text();
    server.stop();

    assertThat(busy).as("a 503 within 5 batches of 100 on a queue of 100").isNotNull();
    assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
    assertThat(busy.json().get("code").asText()).isEqualTo("events.busy");
    assertThat(busy.header("Retry-After")).isEqualTo("5");
    assertThat(accepted).isBetween(100L, 200L);
    assertThat(CheckTelemetryTest.metric(metrics, "petrel_client_events_refused_total"))
        .isEqualTo(100);
    assertThat(server.count("client_events")).isEqualTo(accepted);
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
