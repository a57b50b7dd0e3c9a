package dev.petrel.client.desktop.internal;

import dev.petrel.client.HistoryEntry;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.client.internal.ClientEvent;
import dev.petrel.client.internal.HistoryStore;
import dev.petrel.client.internal.Outbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes what the launcher has to report into the updater's state directory through the core
 * updater's own stores, so the updater sends and shows them: an event in {@code outbox/} and an
 * entry in {@code history.json}.
 */
public final class Reports {
  private Reports() {}

  /** Who an event is about: the release and where it runs. */
  public record Subject(
      String platform,
      String channel,
      String version,
      long versionCode,
      String fromVersion,
      long fromVersionCode) {}

  /**
   * The subject of an event about {@code version} as it runs in {@code dir}: platform and channel
   * from {@code updater_config.json} (the OS's platform and stable when it cannot be read), the
   * version code from the version's manifest (0 when unusable).
   */
  public static Subject subject(AppDirectory dir, String version) {
    String platform = UpdaterConfig.osPlatform();
    String channel = "stable";
    try {
      UpdaterConfig config = UpdaterConfig.read(dir);
      platform = config.platform();
      channel = config.updateChannel();
    } catch (IOException | IllegalArgumentException e) {
      // report with the defaults
    }
    long code = VersionFolders.manifest(dir, version).map(m -> m.versionCode()).orElse(0L);
    return new Subject(platform, channel, version, code, null, 0);
  }

  /** Queues one event (e.g. {@code reverted}, {@code crashed_on_start}) for the updater to send. */
  public static void queueEvent(
      Path stateDir, String type, Subject subject, String reason, Instant at) throws IOException {
    boolean from = subject.fromVersion() != null && subject.fromVersionCode() > 0;
    new Outbox(stateDir.resolve("outbox"))
        .add(
            new ClientEvent(
                ClientEvent.newId(),
                type,
                subject.platform(),
                subject.channel(),
                subject.version(),
                subject.versionCode(),
                from ? subject.fromVersion() : null,
                from ? subject.fromVersionCode() : null,
                deviceId(stateDir),
                reason,
                at));
  }

  /** Appends one entry to {@code history.json}. */
  public static void appendHistory(Path stateDir, HistoryEntry entry) throws IOException {
    new HistoryStore(stateDir.resolve("history.json")).append(entry);
  }

  private static String deviceId(Path stateDir) {
    try {
      String id = Files.readString(stateDir.resolve("device_id"), StandardCharsets.UTF_8).strip();
      return id.matches("[A-Za-z0-9_-]{8,64}") ? id : null;
    } catch (IOException e) {
      return null;
    }
  }
}
