package dev.petrel.client.desktop.internal;

import dev.petrel.client.HistoryEntry;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.UpdaterConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Switches an app directory back from a version that failed its health check, and reports it: an
 * event in the outbox ({@code reverted} or {@code crashed_on_start}) and a {@code revert} history
 * entry. Used by the launcher.
 */
public final class Reverter {
  private final AppDirectory dir;
  private final Clock clock;
  private final PrintStream log;

  public Reverter(AppDirectory dir, Clock clock, PrintStream log) {
    this.dir = dir;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Reverts {@code version} if it is still current and its health check still pending.
   *
   * @param eventType {@code reverted} or {@code crashed_on_start}
   * @return whether the pointer was switched back
   */
  @SuppressWarnings("try")
  public boolean revert(String version, String eventType, String reason) throws IOException {
    if (!HealthState.pendingFor(dir, version)) {
      return false; // the common case, decided without waiting for the lock
    }
    try (AppDirectoryLock lock = AppDirectoryLock.acquire(dir.lockFile(), Duration.ofSeconds(60))) {
      return revertHoldingLock(version, eventType, reason);
    } catch (AppDirectoryLock.LockBusyException e) {
      log.println("petrel-launcher: cannot revert " + version + " now: " + e.getMessage());
      return false;
    }
  }

  /** As {@link #revert}, for a caller that already holds the app directory's lock. */
  public boolean revertHoldingLock(String version, String eventType, String reason)
      throws IOException {
    Optional<HealthState> pending = HealthState.read(dir);
    if (pending.isEmpty()
        || !pending.get().version().equals(version)
        || !dir.currentVersion().equals(Optional.of(version))) {
      return false;
    }
    HealthState state = pending.get();
    String target = state.previousVersion();
    if (VersionFolders.manifest(dir, target).isEmpty()) {
      Optional<String> other = VersionFolders.newestUsable(dir, Set.of(version));
      if (other.isEmpty()) {
        log.println("petrel-launcher: cannot revert " + version + ": no other usable version");
        return false;
      }
      target = other.get();
    }
    dir.switchTo(target);
    CrashPoints.reach("reverted-pointer");
    HealthState.clear(dir);
    report(state, target, eventType, reason);
    log.println("petrel-launcher: reverted " + version + " to " + target + " (" + reason + ")");
    return true;
  }

  private void report(HealthState state, String target, String eventType, String reason)
      throws IOException {
    Reports.appendHistory(
        dir.stateDir(),
        new HistoryEntry(
            clock.instant(),
            "revert",
            state.version(),
            target,
            "succeeded",
            eventType + ": " + reason));
    String platform = UpdaterConfig.osPlatform();
    String channel = "stable";
    try {
      UpdaterConfig config = UpdaterConfig.read(dir);
      platform = config.platform();
      channel = config.updateChannel();
    } catch (IOException | IllegalArgumentException e) {
      log.println("petrel-launcher: " + e.getMessage() + "; reporting with defaults");
    }
    long targetCode = VersionFolders.manifest(dir, target).map(m -> m.versionCode()).orElse(0L);
    Reports.Subject subject =
        new Reports.Subject(
            platform,
            channel,
            state.version(),
            state.versionCode(),
            targetCode > 0 ? target : null,
            targetCode);
    Reports.queueEvent(dir.stateDir(), eventType, subject, reason, clock.instant());
  }
}
