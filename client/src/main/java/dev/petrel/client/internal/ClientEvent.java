package dev.petrel.client.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event for {@code POST /api/v1/apps/{app}/events}, in the wire shape of the contract.
 *
 * @param eventId 8–64 characters of {@code [A-Za-z0-9_-]}, unique per event (the server stores a
 *     repeated id once)
 * @param type {@code download_started}, {@code download_completed}, {@code download_failed}, {@code
 *     install_started}, {@code install_succeeded}, {@code install_failed}, {@code reverted}, {@code
 *     crashed_on_start} or {@code recall_applied}
 * @param platform the device's platform
 * @param channel the device's channel
 * @param version the release the event is about
 * @param versionCode its version code
 * @param fromVersion the version installed before, or null
 * @param fromVersionCode its code, or null
 * @param deviceId the device id, or null
 * @param reason why it failed, at most 500 characters, or null
 * @param occurredAt when it happened, whole seconds
 */
public record ClientEvent(
    String eventId,
    String type,
    String platform,
    String channel,
    String version,
    long versionCode,
    String fromVersion,
    Long fromVersionCode,
    String deviceId,
    String reason,
    Instant occurredAt) {
  static final int MAX_REASON = 500;

  /** Bounds the reason and truncates the time to seconds. */
  public ClientEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
    occurredAt = occurredAt.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A fresh random event id (a UUID without dashes: 32 characters). */
  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** The event as one JSON object. */
  public String toJson() {
    return "{\"event_id\":"
        + Json.string(eventId)
        + ",\"type\":"
        + Json.string(type)
        + ",\"platform\":"
        + Json.string(platform)
        + ",\"channel\":"
        + Json.string(channel)
        + ",\"version\":"
        + Json.string(version)
        + ",\"version_code\":"
        + versionCode
        + (fromVersion == null ? "" : ",\"from_version\":" + Json.string(fromVersion))
        + (fromVersionCode == null ? "" : ",\"from_version_code\":" + fromVersionCode)
        + (deviceId == null ? "" : ",\"device_id\":" + Json.string(deviceId))
        + (reason == null ? "" : ",\"reason\":" + Json.string(reason))
        + ",\"occurred_at\":"
        + Json.string(occurredAt.toString())
        + "}";
  }
}
