package dev.petrel.client.internal;

import dev.petrel.client.HistoryEntry;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The update history in {@code history.json}: a JSON array of entries, oldest first, at most
 * {@value #MAX_ENTRIES} (the oldest are dropped), rewritten atomically on every change. Methods are
 * synchronized on the store; two updaters on one state directory are kept apart by the installer's
 * lock, not here.
 */
public final class HistoryStore {
  static final int MAX_ENTRIES = 200;
  private static final int MAX_BYTES = 1 << 20;

  private final Path file;

  public HistoryStore(Path file) {
    this.file = file;
  }

  /** The entries, oldest first; empty when the file is missing. */
  public synchronized List<HistoryEntry> read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException(file + ": larger than " + MAX_BYTES + " bytes");
    }
    try {
      Object value = StrictJson.read(file.toString(), bytes);
      if (!(value instanceof List<?> items)) {
        throw new IOException(file + ": expected a JSON array");
      }
      List<HistoryEntry> entries = new ArrayList<>();
      for (Object item : items) {
        entries.add(entry(Json.object(file + "[]", item)));
      }
      return entries;
    } catch (InvalidValueException | Json.MalformedJson | DateTimeParseException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Appends {@code entry}, dropping the oldest beyond the limit. */
  public synchronized void append(HistoryEntry entry) throws IOException {
    List<HistoryEntry> entries = new ArrayList<>(read());
    entries.add(entry);
    while (entries.size() > MAX_ENTRIES) {
      entries.remove(0);
    }
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < entries.size(); i++) {
      json.append(i == 0 ? "\n" : ",\n").append(toJson(entries.get(i)));
    }
    json.append("\n]\n");
    AtomicFiles.write(file, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static HistoryEntry entry(Map<String, Object> item) throws Json.MalformedJson {
    String at = "history[]";
    return new HistoryEntry(
        Instant.parse(Json.text(item, at, "at")),
        Json.text(item, at, "kind"),
        Json.optionalText(item, at, "from_version"),
        Json.optionalText(item, at, "to_version"),
        Json.text(item, at, "outcome"),
        Json.optionalText(item, at, "reason"));
  }

  private static String toJson(HistoryEntry entry) {
    return "{\"at\":"
        + Json.string(entry.at().toString())
        + ",\"kind\":"
        + Json.string(entry.kind())
        + ",\"from_version\":"
        + Json.string(entry.fromVersion())
        + ",\"to_version\":"
        + Json.string(entry.toVersion())
        + ",\"outcome\":"
        + Json.string(entry.outcome())
        + ",\"reason\":"
        + Json.string(entry.reason())
        + "}";
  }
}
