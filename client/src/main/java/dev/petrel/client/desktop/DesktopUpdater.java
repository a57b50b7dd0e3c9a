package dev.petrel.client.desktop;

import dev.petrel.client.Updater;
import dev.petrel.client.desktop.internal.VersionFolders;
import java.io.IOException;
import java.time.Duration;

/**
 * Builds the {@link Updater} of an app directory from its {@code updater_config.json}: the sources,
 * app, platform, channel and pinned keys of the config, the installed version and code of the
 * current version's {@code petrel-app.json}, the state directory {@code .petrel/} and an {@link
 * AppDirectoryInstaller} with the config's backups, health timeout and rollback setting.
 */
public final class DesktopUpdater {
  private DesktopUpdater() {}

  /**
   * Opens the updater of {@code dir}; close it when done (it stops the background reporter).
   *
   * @throws IOException when the config or the current version cannot be read
   * @throws IllegalArgumentException when the config is invalid (the message names the key)
   */
  public static Updater open(AppDirectory dir) throws IOException {
    return open(dir, UpdaterConfig.read(dir));
  }

  /** As {@link #open(AppDirectory)}, with a config already read. */
  public static Updater open(AppDirectory dir, UpdaterConfig config) throws IOException {
    String current =
        dir.currentVersion()
            .orElseThrow(
                () ->
                    new IOException("no version is installed in " + dir + " (no current pointer)"));
    AppManifest manifest =
        VersionFolders.manifest(dir, current)
            .orElseThrow(
                () ->
                    new IOException(
                        "the current version "
                            + current
                            + " has no usable "
                            + AppManifest.FILE_NAME));
    Updater.Builder builder =
        Updater.builder()
            .app(config.app())
            .platform(config.platform())
            .channel(config.updateChannel())
            .installedVersion(current, manifest.versionCode())
            .stateDir(dir.stateDir())
            .installer(
                new AppDirectoryInstaller(dir, AppDirectoryInstaller.Options.DEFAULT.with(config)))
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30));
    config.servers().forEach(builder::server);
    config.github().forEach(repo -> builder.gitHub(repo, config.githubApi()));
    config.feeds().forEach(builder::feed);
    config.publicKeys().forEach(builder::trustedKey);
    return builder.build();
  }
}
