package dev.petrel.server.alerts;

import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseEvents;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Turns what happens to releases into queued webhook deliveries, in the transaction of the change:
 * one delivery per enabled webhook of the release's app that wants the alert's type. The {@link
 * WebhookWorker} sends them. Thread-safe.
 */
public final class Alerts implements ReleaseEvents {
  private final AlertBodies bodies;
  private final Clock clock;

  public Alerts(com.fasterxml.jackson.databind.ObjectMapper mapper, Clock clock) {
    this.bodies = new AlertBodies(mapper);
    this.clock = clock;
  }

  @Override
  public void happened(
      Handle handle, String type, Release release, String detail, String dedupeKey) {
    queue(handle, release.appId().name(), type, release, detail, dedupeKey);
  }

  /** Queues an alert for every webhook of {@code app} that wants {@code type}. */
  void queue(
      Handle handle, String app, String type, Release release, String detail, String dedupeKey) {
    WebhookDao dao = handle.attach(WebhookDao.class);
    Instant now = clock.instant();
    for (Webhook webhook : dao.ofApp(app)) {
      if (webhook.wants(type)) {
        dao.enqueue(
            webhook.id(), type, dedupeKey, bodies.body(webhook, type, release, detail, now), now);
      }
    }
  }

  /** Queues a test alert for one webhook, whatever types it wants. */
  void test(Handle handle, Webhook webhook) {
    Instant now = clock.instant();
    handle
        .attach(WebhookDao.class)
        .enqueue(
            webhook.id(),
            "test",
            null,
            bodies.body(webhook, "test", null, "a test alert from Petrel", now),
            now);
  }
}
