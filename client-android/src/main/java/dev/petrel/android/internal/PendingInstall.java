package dev.petrel.android.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The install handed to Android and not yet known to have ended, kept in a small file in the state
 * directory so the next process can tell whether it landed (a self-update that succeeds ends this
 * process before any status arrives). Written atomically (temp file, rename).
 */
public final class PendingInstall {
  /** What was handed over. */
  public record Entry(String version, long versionCode, int session) {}

  private final Path file;

  public PendingInstall(Path file) {
    this.file = file;
  }

  /** Records the install of {@code version} in {@code session}; never throws. */
  public void save(String version, long versionCode, int session) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(
          temp,
          (version + "\n" + versionCode + "\n" + session + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Without the record the next start cannot confirm the install; the update still happens.
    }
  }

  /** The pending install, or null when there is none (or its file is unreadable). */
  public Entry read() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return new Entry(lines.get(0), Long.parseLong(lines.get(1)), Integer.parseInt(lines.get(2)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Forgets the pending install. */
  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A stale record is ignored once the installed version code has passed it.
    }
  }
}
