package dev.petrel.server.ios;

import dev.petrel.protocol.AppId;

/**
 * A row of {@code ios_bundles}: what the IPA of a hosted iOS release said when it was published,
 * kept to write its install manifest and to compare later releases with.
 */
public record IosBundle(
    long releaseId,
    AppId appId,
    String bundleId,
    String shortVersion,
    String bundleVersion,
    String title) {}
