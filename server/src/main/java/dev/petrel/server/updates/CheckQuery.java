package dev.petrel.server.updates;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;

/**
 * A validated update check.
 *
 * @param app the app asking
 * @param platform its platform
 * @param channel the channel the device follows
 * @param currentVersion the installed version, as sent (build metadata kept)
 * @param currentVersionCode the installed version code, or null when the device did not send one
 *     (neither explicitly nor as a numeric build part of the version)
 * @param device the device's id, or null
 */
public record CheckQuery(
    AppId app,
    Platform platform,
    Channel channel,
    Version currentVersion,
    Long currentVersionCode,
    DeviceId device) {}
