package dev.petrel.client.desktop;

import dev.petrel.client.InstallResult;
import dev.petrel.client.Installer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.client.VerifiedUpdate;
import dev.petrel.client.desktop.internal.AppDirectoryLock;
import dev.petrel.client.desktop.internal.AtomicFiles;
import dev.petrel.client.desktop.internal.CrashPoints;
import dev.petrel.client.desktop.internal.HealthState;
import dev.petrel.client.desktop.internal.SafeUnpacker;
import dev.petrel.client.desktop.internal.VersionFolders;
import dev.petrel.protocol.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The desktop {@link Installer}: unpacks a verified zip or jar into {@code versions/<version>/} of
 * an {@link AppDirectory}, switches the {@code current} pointer atomically, starts the new
 * version's health check and keeps {@code maxBackups} older versions. Installs, rollbacks and
 * health reports hold the directory's lock ({@code .petrel/lock}), so two updaters never change one
 * app directory at once.
 *
 * <p>Install steps, each safe to be killed after: unpack into {@code versions/.<v>.tmp-…} (fsynced)
 * → rename to {@code versions/<v>} → write {@code .petrel/pending-health.json} → switch the pointer
 * (temp, fsync, rename, directory fsync) → remove surplus old versions. Until the pointer switch
 * the old version stays current; after it the new one is current, on probation until it calls
 * {@link AppDirectory#markHealthy()}. Thread-safe.
 */
public final class AppDirectoryInstaller implements Installer {
  private final AppDirectory dir;
  private final Options options;

  /**
   * Settings of an installer. Immutable.
   *
   * @param maxBackups older versions kept besides the current one (and the one a pending health
   *     check may revert to); default 5
   * @param healthTimeout how long a new version has, from its first start, to report healthy;
   *     default 120 seconds
   * @param limits bounds on unpacking; default {@link ArchiveLimits#DEFAULT}
   * @param lockWait how long to wait for another updater to finish; default 10 seconds
   * @param rollbackEnabled whether {@link #rollback()} is allowed; default true
   * @param clock the time source for the health check; default the system clock
   */
  public record Options(
      int maxBackups,
      Duration healthTimeout,
      ArchiveLimits limits,
      Duration lockWait,
      boolean rollbackEnabled,
      Clock clock) {
    /** The defaults listed above. */
    public static final Options DEFAULT =
        new Options(
            5,
            Duration.ofSeconds(120),
            ArchiveLimits.DEFAULT,
            Duration.ofSeconds(10),
            true,
            Clock.systemUTC());

    /** Checks the bounds. */
    public Options {
      if (maxBackups < 0 || maxBackups > 100) {
        throw new IllegalArgumentException("maxBackups: expected 0..100, got " + maxBackups);
      }
      if (healthTimeout.isNegative() || healthTimeout.isZero()) {
        throw new IllegalArgumentException("healthTimeout: expected a positive duration");
      }
    }

    /** These options with the settings of {@code config}. */
    public Options with(UpdaterConfig config) {
      return new Options(
          config.backupBeforeUpdate() ? config.maxBackups() : 0,
          config.healthTimeout(),
          limits,
          lockWait,
          config.rollbackEnabled(),
          clock);
    }
  }

  /** An installer for {@code dir} with {@code options}. */
  public AppDirectoryInstaller(AppDirectory dir, Options options) {
    this.dir = dir;
    this.options = options;
  }

  /** The app directory this installer changes. */
  public AppDirectory directory() {
    return dir;
  }

  /**
   * The version the pointer names (after an install or rollback, the one the next start runs).
   *
   * @throws IllegalStateException when no version is installed
   */
  @Override
  public String currentVersion() {
    try {
      return dir.currentVersion()
          .orElseThrow(() -> new IllegalStateException("no version is installed in " + dir));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the current version of " + dir, e);
    }
  }

  /** The version this process runs when the launcher started it for this directory. */
  private Optional<String> runningVersion() {
    String running = System.getProperty(AppDirectory.VERSION_PROPERTY);
    Optional<AppDirectory> launched = AppDirectory.fromLauncher();
    if (running != null && launched.isPresent() && launched.get().root().equals(dir.root())) {
      return Optional.of(running);
    }
    return Optional.empty();
  }

  @Override
  public InstallResult install(VerifiedUpdate update) throws UpdateException {
    return installArchive(update.file(), update.offer().version(), update.offer().versionCode());
  }

  /**
   * Installs {@code archive} as {@code version}/{@code versionCode}; its {@code petrel-app.json}
   * must name the same version and code. Callers outside the {@link dev.petrel.client.Updater} must
   * have verified the archive themselves.
   *
   * @throws UpdateException {@code STATE} when another updater holds the directory, {@code INSTALL}
   *     for anything else; the current version is then unchanged
   */
  @SuppressWarnings("try")
  public InstallResult installArchive(Path archive, String version, long versionCode)
      throws UpdateException {
    Version.parse("version", version);
    try (AppDirectoryLock lock = lock()) {
      Optional<String> previous = dir.currentVersion();
      if (previous.equals(Optional.of(version))) {
        throw new UpdateException(Reason.INSTALL, version + " is already the current version");
      }
      VersionFolders.deleteLeftovers(dir);
      // A folder of this version left from earlier (e.g. rolled back from): unpack the verified
      // bytes afresh rather than trust what is on disk.
      VersionFolders.remove(dir, version);
      unpack(archive, version, versionCode);
      long previousCode =
          previous
              .flatMap(v -> VersionFolders.manifest(dir, v))
              .map(m -> m.versionCode())
              .orElse(0L);
      if (previous.isPresent()) {
        new HealthState(
                version,
                versionCode,
                previous.get(),
                previousCode,
                options.clock().instant(),
                options.healthTimeout(),
                null)
            .write(dir);
        CrashPoints.reach("pending-written");
      }
      dir.switchTo(version);
      CrashPoints.reach("pointer-switched");
      VersionFolders.prune(dir, version, previous.orElse(null), options.maxBackups());
      CrashPoints.reach("pruned");
      return new InstallResult(previous.orElse(null), version, true, "restart the app to run it");
    } catch (IOException | IllegalArgumentException e) {
      throw failure("install of " + version + " failed", e);
    }
  }

  private void unpack(Path archive, String version, long versionCode) throws IOException {
    Path temp = VersionFolders.newUnpackFolder(dir, version);
    try {
      new SafeUnpacker(options.limits()).unpack(archive, temp);
      AppManifest manifest = AppManifest.read(temp);
      if (!manifest.version().equals(version) || manifest.versionCode() != versionCode) {
        throw new IllegalArgumentException(
            AppManifest.FILE_NAME
                + " names "
                + manifest.version()
                + " ("
                + manifest.versionCode()
                + "), the release is "
                + version
                + " ("
                + versionCode
                + ")");
      }
      VersionFolders.fsyncFolders(temp);
      CrashPoints.reach("unpacked");
      AtomicFiles.moveAtomically(temp, dir.versionDir(version));
      AtomicFiles.fsyncDirectory(dir.versionsDir());
      CrashPoints.reach("version-renamed");
    } catch (java.nio.file.NoSuchFileException e) {
      AtomicFiles.deleteTree(temp);
      throw new IllegalArgumentException(
          "the archive has no " + AppManifest.FILE_NAME + " at its top level", e);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(temp);
      throw e;
    }
  }

  /**
   * Switches to the newest installed version below the current one (a user's rollback) and drops a
   * pending health check.
   *
   * @throws UpdateException when rollback is disabled, nothing older is installed, or another
   *     updater holds the directory
   */
  @Override
  @SuppressWarnings("try")
  public void rollback() throws UpdateException {
    if (!options.rollbackEnabled()) {
      throw new UpdateException(Reason.INSTALL, "rollback is disabled (rollback_enabled: false)");
    }
    try (AppDirectoryLock lock = lock()) {
      String current =
          dir.currentVersion()
              .orElseThrow(() -> new UpdateException(Reason.INSTALL, "no version is installed"));
      String previous =
          VersionFolders.previousOf(dir, current)
              .orElseThrow(
                  () ->
                      new UpdateException(
                          Reason.INSTALL, "no version older than " + current + " is installed"));
      HealthState.clear(dir);
      dir.switchTo(previous);
    } catch (IOException e) {
      throw failure("rollback failed", e);
    }
  }

  /**
   * Completes the pending health check of the running version (the one the launcher started this
   * process on, else the current one), if it is pending.
   */
  @Override
  public void markHealthy() throws UpdateException {
    try {
      HealthState.markHealthy(dir, runningVersion().orElseGet(this::currentVersion));
    } catch (IOException | IllegalStateException e) {
      throw failure("could not record the health check", e);
    }
  }

  private AppDirectoryLock lock() throws IOException {
    return AppDirectoryLock.acquire(dir.lockFile(), options.lockWait());
  }

  private static UpdateException failure(String what, Exception e) {
    Reason reason = e instanceof AppDirectoryLock.LockBusyException ? Reason.STATE : Reason.INSTALL;
    return new UpdateException(reason, what + ": " + e.getMessage(), e);
  }
}
