package dev.petrel.client.internal;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events waiting to be reported: one JSON object per file in {@code stateDir/outbox}, named {@code
 * <epoch millis>-<sequence>-<event id>.json} so name order is the order they were written, each
 * written atomically (temp, fsync, rename). The launcher may write files here too; anything named
 * {@code *.json} is sent. Bounded: beyond {@value #MAX_FILES} files the oldest are dropped, and a
 * file that is not a JSON object of at most {@value #MAX_EVENT_BYTES} bytes is deleted unsent.
 */
public final class Outbox {
  static final int MAX_FILES = 1000;
  static final int MAX_EVENT_BYTES = 4096;
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path dir;

  public Outbox(Path dir) {
    this.dir = dir;
  }

  /** Writes {@code event} as a new file. */
  public synchronized void add(ClientEvent event) throws IOException {
    Files.createDirectories(dir);
    // Name order is the order events were written: time, then a sequence within this process.
    String name =
        String.format(
            Locale.ROOT,
            "%013d-%09d-%s.json",
            System.currentTimeMillis(),
            SEQUENCE.incrementAndGet() % 1_000_000_000L,
            event.eventId());
    AtomicFiles.write(dir.resolve(name), event.toJson().getBytes(StandardCharsets.UTF_8));
    List<Path> files = files();
    for (int i = 0; i < files.size() - MAX_FILES; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  /** A waiting event: its file and its JSON text. */
  public record Pending(Path file, String json) {}

  /** Up to {@code max} waiting events, oldest first, at most {@code maxBytes} of JSON together. */
  public synchronized List<Pending> oldest(int max, int maxBytes) throws IOException {
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    for (Path file : files()) {
      if (batch.size() >= max) {
        break;
      }
      byte[] content = readEvent(file);
      if (content == null) {
        continue;
      }
      if (bytes + content.length + 1 > maxBytes) {
        break;
      }
      bytes += content.length + 1;
      batch.add(new Pending(file, new String(content, StandardCharsets.UTF_8)));
    }
    return batch;
  }

  /** Deletes sent (or refused) events. */
  public synchronized void remove(List<Pending> sent) throws IOException {
    for (Pending pending : sent) {
      Files.deleteIfExists(pending.file());
    }
  }

  /** Whether nothing waits. */
  public synchronized boolean isEmpty() throws IOException {
    return files().isEmpty();
  }

  private byte[] readEvent(Path file) throws IOException {
    byte[] content;
    try {
      if (Files.size(file) > MAX_EVENT_BYTES) {
        Files.deleteIfExists(file);
        return null;
      }
      content = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
    try {
      if (StrictJson.read("event", content) instanceof java.util.Map<?, ?>) {
        return content;
      }
    } catch (InvalidValueException e) {
      // Not JSON: dropped below.
    }
    Files.deleteIfExists(file);
    return null;
  }

  private List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : stream) {
        if (!file.getFileName().toString().startsWith(".")) {
          files.add(file);
        }
      }
    }
    Collections.sort(files);
    return files;
  }
}
