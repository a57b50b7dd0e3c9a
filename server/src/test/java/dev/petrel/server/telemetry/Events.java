package dev.petrel.server.telemetry;

import java.util.List;
import java.util.stream.Collectors;

/** Small builders for client event JSON, so tests state only what matters to them. */
public final class Events {
  /** Where the default app's events go. */
  public static final String PATH = "/api/v1/apps/default/events";

  private Events() {}

  /**
   * An event about android {@code version} (code {@code code}) from {@code device} (null for none),
   * dated {@code at}, with an optional {@code reason}.
   */
  public static String event(
      String id,
      String type,
      String version,
      long code,
      String device,
      java.time.Instant at,
      String reason) {
    return """
        {"event_id":"%s","type":"%s","platform":"android","channel":"stable","version":"%s",\
        "version_code":%d%s,"occurred_at":"%s"%s}"""
        .formatted(
            id,
            type,
            version,
            code,
            device == null ? "" : ",\"device_id\":\"" + device + "\"",
            at,
            reason == null ? "" : ",\"reason\":\"" + reason + "\"");
  }

  /** An event about android {@code version}+{@code code} from device {@code device}. */
  static String event(String id, String type, String version, long code, String device) {
    return """
        {"event_id":"%s","type":"%s","platform":"android","channel":"stable","version":"%s",\
        "version_code":%d,"from_version":"1.0.0","from_version_code":1,"device_id":"%s",\
        "occurred_at":"2026-11-20T12:00:00Z"}"""
        .formatted(id, type, version, code, device);
  }

  /** A download_started event about 1.1.0+2 with id {@code id}. */
  static String event(String id) {
    return event(id, "download_started", "1.1.0", 2, "device-1");
  }

  /** An event with {@code field} replaced by raw JSON {@code json} (or removed when null). */
  static String eventWith(String field, String json) {
    String base = event("event-0001");
    String pattern = "\"" + field + "\":(\"[^\"]*\"|[0-9]+),?";
    String replaced =
        json == null
            ? base.replaceFirst(pattern, "")
            : base.replaceFirst(
                pattern,
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + json + ","));
    return replaced.replace(",}", "}");
  }

  /** A batch body. */
  public static String batch(List<String> events) {
    return events.stream().collect(Collectors.joining(",", "{\"events\":[", "]}"));
  }

  /** A batch body of the given events. */
  public static String batch(String... events) {
    return batch(List.of(events));
  }

  /** {@code count} download_started events with ids {@code prefix-<n>}. */
  static String batchOf(String prefix, int count) {
    return batch(
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> event(prefix + "-" + String.format("%05d", i)))
            .toList());
  }
}
