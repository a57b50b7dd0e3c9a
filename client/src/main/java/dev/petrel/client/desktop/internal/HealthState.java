package dev.petrel.client.desktop.internal;

import dev.petrel.client.desktop.AppDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pending health check of a freshly switched version, kept in {@code
 * .petrel/pending-health.json} from the install until the new version calls {@code markHealthy()}.
 * The deadline runs from the version's first start by the launcher, not from the install, so an
 * update installed before a week's holiday is not reverted for not starting during it.
 *
 * @param version the version being checked
 * @param versionCode its version code
 * @param previousVersion the version to go back to
 * @param previousVersionCode its version code (0 when unknown)
 * @param switchedAt when the pointer was switched
 * @param timeout how long the new version has, from its first start, to report healthy
 * @param firstStartedAt when the launcher first started it, or null when it has not yet
 */
public record HealthState(
    String version,
    long versionCode,
    String previousVersion,
    long previousVersionCode,
    Instant switchedAt,
    Duration timeout,
    Instant firstStartedAt) {

  /** The same state with the first start recorded at {@code at}. */
  public HealthState startedAt(Instant at) {
    return new HealthState(
        version, versionCode, previousVersion, previousVersionCode, switchedAt, timeout, at);
  }

  /** The moment after which an unhealthy version is reverted, or empty before its first start. */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(firstStartedAt).map(start -> start.plus(timeout));
  }

  /** Reads the pending check; empty when none is pending or the file cannot be read. */
  public static Optional<HealthState> read(AppDirectory dir) throws IOException {
    Path file = dir.pendingHealthFile();
    try {
      JsonObject json = JsonObject.parse(file.toString(), Files.readAllBytes(file));
      Object started = json.raw("first_started_at");
      return Optional.of(
          new HealthState(
              json.string("version", 64),
              json.integer("version_code", 0, Long.MAX_VALUE),
              json.string("previous_version", 64),
              json.integer("previous_version_code", 0, Long.MAX_VALUE),
              Instant.parse(json.string("switched_at", 64)),
              Duration.ofSeconds(json.integer("health_timeout_seconds", 1, 86_400)),
              started instanceof String text ? Instant.parse(text) : null));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      // Written atomically, so only a hand edit gets here: treat the check as not pending.
      return Optional.empty();
    }
  }

  /** Writes this state atomically. */
  public void write(AppDirectory dir) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", version);
    json.put("version_code", versionCode);
    json.put("previous_version", previousVersion);
    json.put("previous_version_code", previousVersionCode);
    json.put("switched_at", switchedAt.toString());
    json.put("health_timeout_seconds", timeout.toSeconds());
    json.put("first_started_at", firstStartedAt == null ? null : firstStartedAt.toString());
    AtomicFiles.write(dir.pendingHealthFile(), JsonWriter.write(json));
  }

  /** Removes the pending check (durably). */
  public static void clear(AppDirectory dir) throws IOException {
    if (Files.deleteIfExists(dir.pendingHealthFile())) {
      AtomicFiles.fsyncDirectory(dir.stateDir());
    }
  }

  /** Whether a health check of {@code version} is pending (read without the lock). */
  public static boolean pendingFor(AppDirectory dir, String version) throws IOException {
    return read(dir).map(state -> state.version().equals(version)).orElse(false);
  }

  /**
   * Completes the health check of {@code runningVersion} if it is the current version and pending.
   *
   * @return whether a pending check was completed
   */
  @SuppressWarnings("try")
  public static boolean markHealthy(AppDirectory dir, String runningVersion) throws IOException {
    if (!pendingFor(dir, runningVersion)) {
      return false; // nothing to record: no need to wait for the lock
    }
    try (AppDirectoryLock lock = AppDirectoryLock.acquire(dir.lockFile(), Duration.ofSeconds(30))) {
      Optional<HealthState> pending = read(dir);
      if (pending.isEmpty()
          || !pending.get().version().equals(runningVersion)
          || !dir.currentVersion().equals(Optional.of(runningVersion))) {
        return false;
      }
      clear(dir);
      return true;
    }
  }
}
