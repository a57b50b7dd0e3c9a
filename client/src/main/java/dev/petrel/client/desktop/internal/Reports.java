package dev.petrel.client.desktop.internal;

import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what the launcher has to report into the updater's state directory, in the shapes the core
 * updater reads and sends: one event per file in {@code outbox/} (the wire shape of {@code POST
 * /api/v1/apps/{app}/events}) and entries appended to {@code history.json}.
 */
public final class Reports {
  /** More queued events than this and new ones are dropped: a bound on disk use while offline. */
  static final int MAX_OUTBOX_FILES = 1000;

  /** The history keeps the newest entries up to this many. */
  static final int MAX_HISTORY_ENTRIES = 500;

  private static final int MAX_HISTORY_BYTES = 1024 * 1024;

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
   * Queues one event (e.g. {@code reverted}, {@code crashed_on_start}) for the updater to send.
   *
   * @return false when the outbox is full and the event was dropped
   */
  public static boolean queueEvent(
      Path stateDir, String type, Subject subject, String reason, Instant at) throws IOException {
    Path outbox = stateDir.resolve("outbox");
    Files.createDirectories(outbox);
    try (var files = Files.list(outbox)) {
      if (files.count() >= MAX_OUTBOX_FILES) {
        return false;
      }
    }
    String eventId = UUID.randomUUID().toString().replace("-", "");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("type", type);
    event.put("platform", subject.platform());
    event.put("channel", subject.channel());
    event.put("version", subject.version());
    event.put("version_code", subject.versionCode());
    if (subject.fromVersion() != null) {
      event.put("from_version", subject.fromVersion());
      event.put("from_version_code", subject.fromVersionCode());
    }
    String deviceId = deviceId(stateDir);
    if (deviceId != null) {
      event.put("device_id", deviceId);
    }
    if (reason != null) {
      event.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
    }
    event.put("occurred_at", at.truncatedTo(ChronoUnit.SECONDS).toString());
    AtomicFiles.write(outbox.resolve(eventId + ".json"), JsonWriter.write(event));
    return true;
  }

  /** Appends one entry to {@code history.json} (rewritten atomically, newest entries kept). */
  public static void appendHistory(
      Path stateDir,
      Instant at,
      String kind,
      String fromVersion,
      String toVersion,
      String outcome,
      String reason)
      throws IOException {
    Path file = stateDir.resolve("history.json");
    List<Object> entries = new ArrayList<>(readEntries(file));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
    entry.put("kind", kind);
    entry.put("from_version", fromVersion);
    entry.put("to_version", toVersion);
    entry.put("outcome", outcome);
    entry.put("reason", reason);
    entries.add(entry);
    while (entries.size() > MAX_HISTORY_ENTRIES) {
      entries.remove(0);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("entries", entries);
    AtomicFiles.write(file, JsonWriter.write(document));
  }

  /** The raw history entries; an unreadable file counts as empty rather than blocking a revert. */
  @SuppressWarnings("unchecked")
  static List<Object> readEntries(Path file) throws IOException {
    try {
      if (Files.size(file) > MAX_HISTORY_BYTES) {
        return List.of();
      }
      Object entries =
          JsonObject.of("history.json", StrictJson.read("history.json", Files.readAllBytes(file)))
              .raw("entries");
      return entries instanceof List ? (List<Object>) entries : List.of();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
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
