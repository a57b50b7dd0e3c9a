package dev.petrel.server.telemetry;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.releases.Release;
import dev.petrel.server.updates.Catalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts a validated batch of client events: checks the app, applies the per-client rate bound,
 * resolves each event's release from the in-memory {@link Catalogue} (no database round trip), and
 * queues the batch on the {@link ClientEventWriter}, which tells when it is committed. Thread-safe.
 */
public final class EventIngest {
  /** How far ahead of the server's clock an {@code occurred_at} may be before it is clamped. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Events one client may send at once, and its budget after a rest. */
  static final int BURST = 500;

  /** Events a second by which a client's budget grows back. */
  static final double PER_SECOND = 5;

  /** Seconds a client is asked to wait when the write queue is full. */
  static final long QUEUE_FULL_RETRY_SECONDS = 5;

  private final Catalogue catalogue;
  private final ClientEventWriter writer;
  private final EventRateLimiter limiter;
  private final Clock clock;

  public EventIngest(Catalogue catalogue, ClientEventWriter writer, Clock clock) {
    this.catalogue = catalogue;
    this.writer = writer;
    this.clock = clock;
    this.limiter = new EventRateLimiter(clock, BURST, PER_SECOND);
  }

  /** What became of a batch. */
  public sealed interface Outcome {}

  /**
   * Queued for writing: {@code count} events, durable once {@code committed} completes (see {@link
   * ClientEventWriter#offer}).
   */
  public record Accepted(int count, CompletableFuture<Void> committed) implements Outcome {}

  /** Over the client's rate bound; nothing queued. */
  public record RateLimited(long retryAfterSeconds) implements Outcome {}

  /** The write queue had no room for the batch; nothing queued. */
  public record QueueFull(long retryAfterSeconds) implements Outcome {}

  /**
   * Accepts {@code events} reported to {@code app} from {@code address}, all or none.
   *
   * @throws dev.petrel.server.web.ApiException 404 {@code app.not_found}
   */
  Outcome accept(AppId app, List<ReportedEvent> events, String address) {
    Catalogue.Snapshot snapshot = catalogue.snapshot();
    if (!snapshot.apps().contains(app)) {
      throw Apps.notFound(app);
    }
    String device = events.get(0).deviceId() == null ? null : events.get(0).deviceId().value();
    long wait = limiter.acquire(address, device, events.size());
    if (wait > 0) {
      return new RateLimited(wait);
    }
    Instant now = clock.instant();
    List<ClientEvent> rows = new ArrayList<>(events.size());
    for (ReportedEvent event : events) {
      rows.add(row(app, event, releaseId(snapshot, app, event), now));
    }
    CompletableFuture<Void> committed = writer.offer(rows);
    if (committed == null) {
      limiter.release(address, device, events.size());
      return new QueueFull(QUEUE_FULL_RETRY_SECONDS);
    }
    return new Accepted(rows.size(), committed);
  }

  private static ClientEvent row(AppId app, ReportedEvent event, Long releaseId, Instant now) {
    Instant occurred = event.occurredAt();
    if (occurred.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      occurred = now;
    }
    return new ClientEvent(
        app.name(),
        event.eventId(),
        event.type(),
        event.platform().name(),
        event.channel().wireName(),
        event.version().toString(),
        event.versionCode(),
        releaseId,
        event.fromVersion() == null ? null : event.fromVersion().toString(),
        event.fromVersionCode(),
        event.deviceId() == null ? null : event.deviceId().value(),
        event.reason(),
        occurred,
        now);
  }

  /** The release of the app and platform with the event's version code, or null. */
  private static Long releaseId(Catalogue.Snapshot snapshot, AppId app, ReportedEvent event) {
    Platform platform = event.platform();
    for (Release release : snapshot.releases(app, platform)) {
      if (release.versionCode() == event.versionCode()) {
        return release.id();
      }
      if (release.versionCode() < event.versionCode()) {
        return null; // highest first: no lower entry can match
      }
    }
    return null;
  }
}
