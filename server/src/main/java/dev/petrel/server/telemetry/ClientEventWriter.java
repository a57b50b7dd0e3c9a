package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.NullableLongs.setLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accepted client events to {@code client_events} in batches (group commit): {@link #offer}
 * puts a whole request's events on a bounded lock-free queue, or refuses them all when it is full,
 * and returns a future that completes once the transaction holding the last of them has committed;
 * one writer thread inserts what has queued up with multi-row statements. So a request answered
 * after its future completed ({@code 202}) is durable: a crash after that loses none of its events,
 * and a crash before it leaves the client holding them to resend.
 *
 * <p>Unlike check telemetry, client events are never shed once accepted: the client keeps an event
 * in its outbox until it sees a 2xx, so a full queue refuses the request (the route answers 503)
 * instead of dropping it, and a batch that fails to write is retried until it succeeds. Only at
 * shutdown does retrying stop, after a few attempts; what is lost then is counted as failed and
 * logged. Rows are inserted with {@code ON CONFLICT (app_id, event_id) DO NOTHING}, so a resent
 * event is stored once and counted as a duplicate.
 *
 * <p>New rows are folded into the {@link TelemetryRollup} in the same transaction (duplicates are
 * not). {@link #close()} stops taking events, writes everything queued, and returns. Thread-safe.
 */
public final class ClientEventWriter implements AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(ClientEventWriter.class);

  /** Attempts per batch once the writer is closing (before that, it retries until it succeeds). */
  private static final int ATTEMPTS_WHEN_CLOSING = 3;

  private final Jdbi jdbi;
  private final BoundedEventQueue<Queued> queue;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final BatchingWriter<Queued> writer;
  private final BatchRetry retry;

  /**
   * @param capacity how many events may wait to be written before requests are refused
   * @param batchSize the most events written in one transaction
   */
  public ClientEventWriter(Jdbi jdbi, int capacity, int batchSize) {
    this.jdbi = jdbi;
    this.queue = new BoundedEventQueue<>(capacity);
    this.writer =
        new BatchingWriter<>(
            "petrel-client-event-writer", queue, batchSize, Duration.ZERO, this::write);
    this.retry = new BatchRetry(ATTEMPTS_WHEN_CLOSING, writer::closing);
  }

  /** One queued event and the request it came with. */
  private record Queued(ClientEvent event, Request request) {}

  /** The events of one request still to be committed, and who waits for them. */
  private static final class Request {
    private final AtomicInteger pending;
    private final CompletableFuture<Void> committed = new CompletableFuture<>();

    Request(int events) {
      this.pending = new AtomicInteger(events);
    }

    void written() {
      if (pending.decrementAndGet() == 0) {
        committed.complete(null);
      }
    }

    void lost(Exception cause) {
      committed.completeExceptionally(cause);
    }
  }

  /**
   * Queues all of {@code events} or none; never blocks.
   *
   * @return a future that completes when every one of the events is committed to the database (or
   *     was already stored), and completes exceptionally if the writer gives them up at shutdown;
   *     null, queuing nothing, when the queue has no room for all of them or the writer is closing
   */
  public CompletableFuture<Void> offer(List<ClientEvent> events) {
    Request request = new Request(events.size());
    List<Queued> items = new ArrayList<>(events.size());
    events.forEach(event -> items.add(new Queued(event, request)));
    if (writer.closing() || !queue.offerAll(items)) {
      refused.addAndGet(events.size());
      return null;
    }
    accepted.addAndGet(events.size());
    return request.committed;
  }

  /**
   * Exports {@code petrel_client_events_accepted_total}, {@code _written_total}, {@code
   * _duplicates_total}, {@code _refused_total} (queue full), {@code _failed_total} and the gauge
   * {@code petrel_client_events_queued}.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "accepted", accepted, "client events queued for writing");
    counter(registry, "written", written, "client events inserted as new rows");
    counter(registry, "duplicates", duplicates, "client events already stored (repeated ids)");
    counter(registry, "refused", refused, "client events refused because the queue was full");
    counter(
        registry,
        "failed",
        failed,
        "queued client events given up at shutdown (write failed; not answered 202)");
    Gauge.builder("petrel.client_events.queued", queue, BoundedEventQueue::size)
        .description("client events waiting to be written")
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry, String name, AtomicLong value, String description) {
    FunctionCounter.builder("petrel.client_events." + name, value, AtomicLong::get)
        .description(description)
        .register(registry);
  }

  /** Events accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  /** Events inserted as new rows so far. */
  public long written() {
    return written.get();
  }

  /** Events that were already stored so far. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Events waiting to be written. */
  public int queued() {
    return queue.size();
  }

  private void write(List<Queued> queued) throws InterruptedException {
    List<ClientEvent> batch = new ArrayList<>(queued.size());
    queued.forEach(item -> batch.add(item.event()));
    boolean committed =
        retry.write(
            () -> {
              int inserted = jdbi.inTransaction(handle -> insertAndRollUp(handle, batch));
              written.addAndGet(inserted);
              duplicates.addAndGet(batch.size() - inserted);
            },
            (attempt, e) -> {
              if (attempt == 1 || attempt % 20 == 0) {
                log.warn(
                    "cannot write {} client events (attempt {}); retrying: {}",
                    batch.size(),
                    attempt,
                    e.getMessage());
              }
            },
            (attempt, e) -> {
              failed.addAndGet(batch.size());
              log.error(
                  "shutting down: dropping {} queued client events after {} attempts: {}",
                  batch.size(),
                  attempt,
                  e.getMessage());
              queued.forEach(item -> item.request().lost(e));
            });
    if (committed) {
      queued.forEach(item -> item.request().written());
    }
  }

  /** Inserts the batch, folds its new rows into the rollup, and returns how many were new. */
  private static int insertAndRollUp(Handle handle, List<ClientEvent> batch) throws SQLException {
    Connection connection = handle.getConnection();
    Set<String> inserted = insert(connection, batch);
    TelemetryRollup rollup = new TelemetryRollup();
    int fresh = 0;
    for (ClientEvent event : batch) {
      // remove(): a batch may hold one event twice (a resend); only the first is new
      if (inserted.remove(event.appId() + "/" + event.eventId())) {
        rollup.event(event);
        fresh++;
      }
    }
    rollup.write(connection);
    return fresh;
  }

  /** Rows per INSERT statement: 14 parameters each, well under SQLite's and PostgreSQL's limits. */
  private static final int ROWS_PER_STATEMENT = 250;

  private static final String INSERT_HEAD =
      "INSERT INTO client_events (app_id, event_id, type, platform, channel, version,"
          + " version_code, release_id, from_version, from_version_code, device_id, reason,"
          + " occurred_at, received_at) VALUES ";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_TAIL =
      " ON CONFLICT (app_id, event_id) DO NOTHING RETURNING app_id, event_id";

  /** The statement for a full chunk, built once. */
  private static final String FULL_INSERT = insertOf(ROWS_PER_STATEMENT);

  private static String insertOf(int rows) {
    StringBuilder sql = new StringBuilder(INSERT_HEAD.length() + rows * (ROW.length() + 2) + 64);
    sql.append(INSERT_HEAD);
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(ROW);
    }
    return sql.append(INSERT_TAIL).toString();
  }

  /**
   * Inserts the batch and returns the {@code app/event_id} of the rows that were new (the rest were
   * duplicates). Multi-row {@code INSERT ... VALUES (...), (...)} statements: on PostgreSQL one
   * statement per row, even batched, spends most of its time per statement; {@code RETURNING} names
   * exactly the inserted rows on both databases (rows skipped by ON CONFLICT are not).
   */
  private static Set<String> insert(Connection connection, List<ClientEvent> batch)
      throws SQLException {
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < batch.size(); from += ROWS_PER_STATEMENT) {
      List<ClientEvent> chunk =
          batch.subList(from, Math.min(batch.size(), from + ROWS_PER_STATEMENT));
      String sql = chunk.size() == ROWS_PER_STATEMENT ? FULL_INSERT : insertOf(chunk.size());
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        int index = 0;
        for (ClientEvent event : chunk) {
          bind(statement, index, event);
          index += 14;
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            inserted.add(rows.getString(1) + "/" + rows.getString(2));
          }
        }
      }
    }
    return inserted;
  }

  private static void bind(PreparedStatement statement, int offset, ClientEvent event)
      throws SQLException {
    statement.setString(offset + 1, event.appId());
    statement.setString(offset + 2, event.eventId());
    statement.setString(offset + 3, event.type().wireName());
    statement.setString(offset + 4, event.platform());
    statement.setString(offset + 5, event.channel());
    statement.setString(offset + 6, event.version());
    statement.setLong(offset + 7, event.versionCode());
    setLong(statement, offset + 8, event.releaseId());
    statement.setString(offset + 9, event.fromVersion());
    setLong(statement, offset + 10, event.fromVersionCode());
    statement.setString(offset + 11, event.deviceId());
    statement.setString(offset + 12, event.reason());
    statement.setLong(offset + 13, event.occurredAt().toEpochMilli());
    statement.setLong(offset + 14, event.receivedAt().toEpochMilli());
  }

  /** Stops taking events and writes every queued one before returning (waits up to 30 s). */
  @Override
  public void close() {
    writer.close();
  }
}
