package dev.petrel.client.internal;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.Version;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The updater's validated settings, as {@code Updater.Builder} produced them. Immutable.
 *
 * @param servers Petrel servers' base URLs, in order
 * @param gitHub GitHub repositories whose releases carry signed feeds, tried after the servers
 * @param feeds static feed URLs, tried after the servers and GitHub repositories
 * @param app the app id
 * @param platform the platform
 * @param channel the device's channel
 * @param installedVersion the installed version
 * @param installedVersionCode its version code
 * @param trustedKeys the pinned release keys (never empty)
 * @param stateDir the updater's directory
 * @param connectTimeout connect timeout of every request
 * @param readTimeout read timeout of every request
 * @param maxRetryAfter the longest {@code Retry-After} waited for
 * @param downloadAttempts how many connections one download may use
 * @param reportEvents whether events are sent
 */
public record Config(
    List<URI> servers,
    List<GitHubRepo> gitHub,
    List<URI> feeds,
    AppId app,
    Platform platform,
    Channel channel,
    Version installedVersion,
    long installedVersionCode,
    List<ReleasePublicKey> trustedKeys,
    Path stateDir,
    Duration connectTimeout,
    Duration readTimeout,
    Duration maxRetryAfter,
    int downloadAttempts,
    boolean reportEvents) {

  /** The same settings with another installed version (after an install or a rollback). */
  public Config withInstalled(Version version, long versionCode) {
    return new Config(
        servers,
        gitHub,
        feeds,
        app,
        platform,
        channel,
        version,
        versionCode,
        trustedKeys,
        stateDir,
        connectTimeout,
        readTimeout,
        maxRetryAfter,
        downloadAttempts,
        reportEvents);
  }

  /** {@code stateDir/downloads}. */
  public Path downloads() {
    return stateDir.resolve("downloads");
  }

  /** {@code stateDir/base}: the installed release's artifact, kept as the base of patches. */
  public Path base() {
    return stateDir.resolve("base");
  }

  /** {@code stateDir/outbox}. */
  public Path outbox() {
    return stateDir.resolve("outbox");
  }

  /** {@code stateDir/history.json}. */
  public Path historyFile() {
    return stateDir.resolve("history.json");
  }
}
