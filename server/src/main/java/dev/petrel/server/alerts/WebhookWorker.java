package dev.petrel.server.alerts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.releases.ReleaseEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook deliveries, and notices scheduled releases going live. Every node may run
 * it: a delivery is claimed by a conditional update (for {@link #CLAIM}) before it is sent, so two
 * nodes never send the same attempt. A failed attempt (no answer within {@link #TIMEOUT}, or a
 * status other than 2xx) is tried again after 10 s, 20 s, 40 s … (at most an hour, plus up to 20 %
 * jitter), {@value #MAX_ATTEMPTS} times in all; then the delivery is {@code failed}. The queue is
 * in the database, so a restart loses nothing. Thread-safe.
 */
public final class WebhookWorker implements AutoCloseable {
  static final int MAX_ATTEMPTS = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Duration CLAIM = Duration.ofMinutes(2);
  static final int BATCH = 50;

  private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

  private final Jdbi jdbi;
  private final Alerts alerts;
  private final Clock clock;
  // Made on the first delivery: building an HttpClient sets up TLS, a few hundred milliseconds
  // of class loading that a server start (and a server without webhooks) need not wait for.
  private HttpClient http;
  private ScheduledExecutorService executor;

  public WebhookWorker(Jdbi jdbi, Alerts alerts, Clock clock) {
    this.jdbi = jdbi;
    this.alerts = alerts;
    this.clock = clock;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  /** Notices releases gone live, then sends every due delivery once; returns how many it sent. */
  public synchronized int runOnce() {
    noticeLive();
    Instant now = clock.instant();
    List<Long> due = jdbi.withHandle(h -> h.attach(WebhookDao.class).due(now, BATCH));
    int sent = 0;
    for (long id : due) {
      boolean claimed =
          jdbi.withHandle(h -> h.attach(WebhookDao.class).claim(id, now, now.plus(CLAIM)) == 1);
      if (claimed && send(id)) {
        sent++;
      }
    }
    return sent;
  }

  /** Queues a {@code release.live} alert for each scheduled release that went live in a day. */
  private void noticeLive() {
    Instant now = clock.instant();
    jdbi.useTransaction(
        handle -> {
          for (long id :
              handle.attach(WebhookDao.class).wentLive(now.minus(Duration.ofDays(1)), now)) {
            String app =
                handle
                    .createQuery("SELECT app_id FROM releases WHERE id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .one();
            Release release =
                handle.attach(ReleaseDao.class).find(new AppId(app), id).orElseThrow();
            alerts.queue(
                handle,
                app,
                ReleaseEvents.LIVE,
                release,
                "published at its scheduled time",
                "live:" + id);
          }
        });
  }

  private boolean send(long id) {
    Delivery delivery = jdbi.withHandle(h -> h.attach(WebhookDao.class).delivery(id));
    Webhook webhook =
        jdbi.withHandle(h -> h.attach(WebhookDao.class).byId(delivery.webhookId())).orElseThrow();
    Integer status = null;
    String error;
    try {
      long unix = clock.instant().getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(webhook.url()))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", "petrel-webhooks")
              .header("Petrel-Event", delivery.eventType())
              .header("Petrel-Delivery-Id", String.valueOf(delivery.id()))
              .header(
                  "Petrel-Signature",
                  AlertBodies.signature(webhook.secret(), unix, delivery.body()))
              .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
              .build();
      HttpResponse<InputStream> response =
          http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        body.readNBytes(4096); // read a little of the answer; the rest is ignored
      }
      status = response.statusCode();
      if (status / 100 == 2) {
        jdbi.useHandle(
            h -> h.attach(WebhookDao.class).delivered(id, clock.instant(), response.statusCode()));
        return true;
      }
      error = "answered HTTP " + status;
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    retryLater(delivery, status, error);
    return false;
  }

  private void retryLater(Delivery delivery, Integer status, String error) {
    int attempts = delivery.attempts();
    boolean giveUp = attempts >= MAX_ATTEMPTS;
    long seconds = Math.min(3600, 10L << Math.min(attempts - 1, 20));
    long jitter = ThreadLocalRandom.current().nextLong(seconds / 5 + 1);
    Instant next = clock.instant().plusSeconds(seconds + jitter);
    String why = error.length() > 500 ? error.substring(0, 500) : error;
    jdbi.useHandle(
        h ->
            h.attach(WebhookDao.class)
                .failedAttempt(delivery.id(), giveUp ? "failed" : "pending", next, status, why));
  }

  /** Runs every {@code interval} in the background. */
  public synchronized void start(Duration interval) {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-webhooks");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::runLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("webhook deliveries failed; trying again: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = executor;
      executor = null;
    }
    if (running != null) {
      running.shutdownNow();
    }
  }
}
