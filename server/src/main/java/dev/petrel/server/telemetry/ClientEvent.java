package dev.petrel.server.telemetry;

import java.time.Instant;

/**
 * One validated client event, as written to {@code client_events}.
 *
 * @param appId the app
 * @param eventId the client's id for the event, unique per app (8-64 of {@code [A-Za-z0-9_-]})
 * @param type what happened
 * @param platform the platform
 * @param channel the device's channel
 * @param version the version the event is about (the update's target; for {@code reverted}, the
 *     version reverted away from)
 * @param versionCode its version code
 * @param releaseId the release with that app, platform and version code, or null when none is
 *     published
 * @param fromVersion the version the device ran before, or null
 * @param fromVersionCode its version code, or null
 * @param deviceId the device, or null
 * @param reason why it failed, at most 500 characters, or null
 * @param occurredAt when it happened by the device's clock (clamped to {@code receivedAt} when
 *     ahead of the server by more than the allowed skew)
 * @param receivedAt when the server accepted it
 */
public record ClientEvent(
    String appId,
    String eventId,
    ClientEventType type,
    String platform,
    String channel,
    String version,
    long versionCode,
    Long releaseId,
    String fromVersion,
    Long fromVersionCode,
    String deviceId,
    String reason,
    Instant occurredAt,
    Instant receivedAt) {}
