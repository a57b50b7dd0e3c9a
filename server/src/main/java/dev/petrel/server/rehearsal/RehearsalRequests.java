package dev.petrel.server.rehearsal;

import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.ClientEventType;
import dev.petrel.server.updates.Catalogue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a start's rehearsal sends, built from the catalogue: for each release (at most
 * {@link #MAX_TEMPLATES}), a check with the release as the installed version on its own channel,
 * and a batch of two client events about it of types taken in turn from every {@link
 * ClientEventType}. Device and event ids are made up ({@code petrel-rehearsal-N}). Requests are
 * handed out round robin; one whose answer was not the expected status is {@linkplain #drop
 * dropped}. App names, platforms, versions and channels are validated tokens, so they need no JSON
 * escaping. Not thread-safe: one rehearsal uses it.
 */
final class RehearsalRequests {
  /** The most distinct checks (and as many event batches) built from the catalogue. */
  static final int MAX_TEMPLATES = 256;

  /**
   * One request: a check or a batch of events, its path, its body with {@code %1$d} where a number
   * goes that makes ids distinct, and the status that means it went the whole way.
   */
  record Template(boolean isCheck, String path, String body, int expected) {
    /** The whole HTTP/1.1 request, numbered {@code n}. */
    byte[] bytes(int n) {
      byte[] content = String.format(body, n).getBytes(StandardCharsets.UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: rehearsal\r\nContent-Type: application/json\r\nContent-Length: "
              + content.length
              + "\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[headBytes.length + content.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(content, 0, request, headBytes.length, content.length);
      return request;
    }
  }

  private final List<Template> checks;
  private final List<Template> events;

  private RehearsalRequests(List<Template> checks, List<Template> events) {
    this.checks = checks;
    this.events = events;
  }

  /** The requests for {@code snapshot}'s releases, with events that occurred at {@code now}. */
  static RehearsalRequests from(Catalogue.Snapshot snapshot, Instant now) {
    String occurredAt = now.truncatedTo(ChronoUnit.SECONDS).toString();
    ClientEventType[] types = ClientEventType.values();
    List<Template> checks = new ArrayList<>();
    List<Template> events = new ArrayList<>();
    for (List<Release> releases : snapshot.releases().values()) {
      for (Release release : releases) {
        if (checks.size() == MAX_TEMPLATES) {
          return new RehearsalRequests(checks, events);
        }
        checks.add(check(release));
        int first = 2 * events.size();
        events.add(
            events(
                release,
                types[first % types.length],
                types[(first + 1) % types.length],
                occurredAt));
      }
    }
    return new RehearsalRequests(checks, events);
  }

  private static Template check(Release release) {
    String version = release.version().toString();
    String body =
        "{\"platform\":\""
            + release.platform().name()
            + "\",\"current_version\":\""
            + version
            + "\""
            + (version.contains("+") ? "" : ",\"version_code\":" + release.versionCode())
            + ",\"channel\":\""
            + release.channel().wireName()
            + "\",\"device_id\":\"petrel-rehearsal-%1$d\"}";
    return new Template(true, "/api/v1/apps/" + release.appId().name() + "/check", body, 200);
  }

  private static Template events(
      Release release, ClientEventType first, ClientEventType second, String occurredAt) {
    String body =
        "{\"events\":["
            + event(release, first, "a", occurredAt)
            + ","
            + event(release, second, "b", occurredAt)
            + "]}";
    return new Template(false, "/api/v1/apps/" + release.appId().name() + "/events", body, 202);
  }

  private static String event(
      Release release, ClientEventType type, String suffix, String occurredAt) {
    return "{\"event_id\":\"petrel-rehearsal-%1$d-"
        + suffix
        + "\",\"type\":\""
        + type.wireName()
        + "\",\"platform\":\""
        + release.platform().name()
        + "\",\"channel\":\""
        + release.channel().wireName()
        + "\",\"version\":\""
        + release.version()
        + "\",\"version_code\":"
        + release.versionCode()
        + ",\"device_id\":\"petrel-rehearsal-%1$d\",\"occurred_at\":\""
        + occurredAt
        + "\"}";
  }

  /** Whether any check is left to send. */
  boolean hasChecks() {
    return !checks.isEmpty();
  }

  /** The check numbered {@code n}, round robin; there must be one left. */
  Template check(int n) {
    return checks.get(n % checks.size());
  }

  /** The event batch numbered {@code n}, round robin, or null when none is left. */
  Template events(int n) {
    return events.isEmpty() ? null : events.get(n % events.size());
  }

  /** Sends {@code template} no more. */
  void drop(Template template) {
    (template.isCheck() ? checks : events).remove(template);
  }

  /** The checks left, for tests. */
  List<Template> checks() {
    return List.copyOf(checks);
  }

  /** The event batches left, for tests. */
  List<Template> eventBatches() {
    return List.copyOf(events);
  }
}
