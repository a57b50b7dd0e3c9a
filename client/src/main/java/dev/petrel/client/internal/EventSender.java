package dev.petrel.client.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox in the background: batches of at most {@value #MAX_BATCH} events and {@value
 * #MAX_BATCH_BYTES} bytes to {@code POST {server}/api/v1/apps/{app}/events}, servers tried in
 * order. A 2xx deletes the batch; a 400 or 413 deletes it too (the server will never take it, and
 * it must not block the events after it); anything else (no answer, 429, 5xx) is retried up to
 * {@value #MAX_TRIES} times with growing pauses ({@code Retry-After} honoured up to the cap), then
 * the events wait for the next {@link #trigger()}. One daemon thread; never blocks the caller.
 */
public final class EventSender implements AutoCloseable {
  static final int MAX_BATCH = 100;
  static final int MAX_BATCH_BYTES = 60 * 1024;
  static final int MAX_TRIES = 4;

  private final Outbox outbox;
  private final List<URI> endpoints;
  private final Http http;
  private final Duration maxRetryAfter;
  private final Duration firstPause;
  private final ExecutorService executor;
  private final AtomicBoolean queued = new AtomicBoolean();

  /**
   * @param servers the Petrel servers' base URLs (feeds cannot take events)
   * @param firstPause the pause after the first failed try; it doubles after each
   */
  public EventSender(
      Outbox outbox,
      List<URI> servers,
      String app,
      Http http,
      Duration maxRetryAfter,
      Duration firstPause) {
    this.outbox = outbox;
    this.endpoints =
        servers.stream()
            .map(server -> ServerSource.endpoint(server, "/api/v1/apps/" + app + "/events"))
            .collect(java.util.stream.Collectors.toList());
    this.http = http;
    this.maxRetryAfter = maxRetryAfter;
    this.firstPause = firstPause;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-event-sender");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Asks for a send soon; coalesces with a send already waiting. Never blocks. */
  public void trigger() {
    if (endpoints.isEmpty() || executor.isShutdown()) {
      return;
    }
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(this::sendAll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        queued.set(false);
      }
    }
  }

  /** Stops sending; events not sent stay in the outbox. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Waits until the sender is idle, for tests and orderly shutdown. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!queued.get() && ((ThreadPoolExecutor) executor).getActiveCount() == 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private void sendAll() {
    queued.set(false);
    try {
      for (int batches = 0; batches < 100 && !Thread.currentThread().isInterrupted(); batches++) {
        List<Outbox.Pending> batch = outbox.oldest(MAX_BATCH, MAX_BATCH_BYTES);
        if (batch.isEmpty() || !sendWithRetries(batch)) {
          return;
        }
        outbox.remove(batch);
      }
    } catch (IOException | RuntimeException e) {
      // The outbox is unreadable for now; the next trigger tries again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the batch is done with (accepted or refused for good). */
  private boolean sendWithRetries(List<Outbox.Pending> batch) throws InterruptedException {
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int i = 0; i < batch.size(); i++) {
      body.append(i == 0 ? "" : ",").append(batch.get(i).json());
    }
    byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Duration pause = firstPause;
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Duration asked = null;
      for (URI endpoint : endpoints) {
        try {
          Http.Response response = http.exchange(endpoint, "POST", bytes, 16 * 1024);
          int status = response.status();
          if (status >= 200 && status < 300 || status == 400 || status == 413) {
            return true;
          }
          if (response.retryAfter() != null) {
            asked = response.retryAfter();
          }
        } catch (IOException e) {
          // Try the next server.
        }
      }
      if (attempt == MAX_TRIES) {
        break;
      }
      Duration wait = asked != null && asked.compareTo(pause) > 0 ? asked : pause;
      if (wait.compareTo(maxRetryAfter) > 0) {
        wait = maxRetryAfter;
      }
      Thread.sleep(wait.toMillis());
      pause = pause.multipliedBy(2);
    }
    return false;
  }
}
