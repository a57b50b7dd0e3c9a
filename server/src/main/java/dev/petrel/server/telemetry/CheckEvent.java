package dev.petrel.server.telemetry;

import java.time.Instant;

/**
 * One answered check, as written to {@code update_checks}.
 *
 * @param appId the app
 * @param platform the platform
 * @param channel the channel
 * @param deviceId the device, or null
 * @param currentVersion the version the device reported
 * @param currentVersionCode its version code, or null
 * @param offeredReleaseId the release offered, or null
 * @param offeredVersion its version, or null
 * @param checkedAt when the check was answered
 */
public record CheckEvent(
    String appId,
    String platform,
    String channel,
    String deviceId,
    String currentVersion,
    Long currentVersionCode,
    Long offeredReleaseId,
    String offeredVersion,
    Instant checkedAt) {}
