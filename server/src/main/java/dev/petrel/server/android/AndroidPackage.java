package dev.petrel.server.android;

import dev.petrel.protocol.AppId;

/**
 * A row of {@code android_packages}: what the APK of a hosted Android release said when it was
 * published, kept to compare later releases with.
 *
 * @param signers the lowercase hex SHA-256 digests of the signing certificates, comma-separated and
 *     sorted
 * @param scheme the signature scheme they were read from: 1, 2 or 3
 */
public record AndroidPackage(
    long releaseId,
    AppId appId,
    String packageName,
    long versionCode,
    String signers,
    int scheme) {}
