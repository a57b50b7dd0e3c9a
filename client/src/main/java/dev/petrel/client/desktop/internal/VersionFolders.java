package dev.petrel.client.desktop.internal;

import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.AppManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creating, finding and removing version folders under {@code versions/}, each crash-safely. */
public final class VersionFolders {
  private VersionFolders() {}

  /** A fresh, empty folder to unpack {@code version} into: {@code versions/.<version>.tmp-<id>}. */
  public static Path newUnpackFolder(AppDirectory dir, String version) throws IOException {
    Files.createDirectories(dir.versionsDir());
    return Files.createDirectory(
        dir.versionsDir().resolve("." + version + ".tmp-" + UUID.randomUUID()));
  }

  /**
   * Deletes leftovers of interrupted work: unpacks and removals under {@code versions/} (names
   * starting with {@code .}, never a version) and temporary files of atomic writes. Call it holding
   * the lock.
   */
  public static void deleteLeftovers(AppDirectory dir) throws IOException {
    for (Path folder : List.of(dir.root(), dir.stateDir())) {
      deleteHidden(folder, AtomicFiles.TEMP_PREFIX); // temp files of interrupted atomic writes
    }
    deleteHidden(dir.versionsDir(), ".");
  }

  private static void deleteHidden(Path folder, String prefix) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var children = Files.list(folder)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (child.getFileName().toString().startsWith(prefix)) {
          AtomicFiles.deleteTree(child);
        }
      }
    }
  }

  /** The manifest of an installed version, or empty when the folder or its manifest is unusable. */
  public static Optional<AppManifest> manifest(AppDirectory dir, String version) {
    try {
      AppManifest manifest = AppManifest.read(dir.versionDir(version));
      return manifest.version().equals(version) ? Optional.of(manifest) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The newest installed version other than {@code except} that has a usable manifest. */
  public static Optional<String> newestUsable(AppDirectory dir, Set<String> except)
      throws IOException {
    for (String version : dir.installedVersions()) {
      if (!except.contains(version) && manifest(dir, version).isPresent()) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /** The newest usable version below {@code current} in version precedence. */
  public static Optional<String> previousOf(AppDirectory dir, String current) throws IOException {
    dev.petrel.protocol.Version currentVersion =
        dev.petrel.protocol.Version.parse("current", current);
    for (String version : dir.installedVersions()) {
      if (dev.petrel.protocol.Version.parse("version", version).compareTo(currentVersion) < 0
          && manifest(dir, version).isPresent()) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /**
   * Removes old versions: keeps {@code current}, the {@code backups} newest others, and {@code
   * protect} (the version a pending health check may revert to, kept even with no backups). A
   * folder is first renamed to a hidden name (atomic), so a crash mid-delete never leaves a half
   * folder that looks like a version.
   *
   * @return the versions removed
   */
  public static List<String> prune(AppDirectory dir, String current, String protect, int backups)
      throws IOException {
    List<String> removed = new ArrayList<>();
    int kept = 0;
    for (String version : dir.installedVersions()) {
      if (version.equals(current)) {
        continue;
      }
      if (kept < backups || version.equals(protect)) {
        kept++;
        continue;
      }
      remove(dir, version);
      removed.add(version);
    }
    return removed;
  }

  /**
   * Removes one version folder, if present: renamed to a hidden name first (atomic), then deleted.
   */
  public static void remove(AppDirectory dir, String version) throws IOException {
    Path folder = dir.versionDir(version);
    if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path trash = dir.versionsDir().resolve("." + version + ".trash-" + UUID.randomUUID());
    AtomicFiles.moveAtomically(folder, trash);
    AtomicFiles.fsyncDirectory(dir.versionsDir());
    AtomicFiles.deleteTree(trash);
  }

  /** Fsyncs every folder below and including {@code root}, making their entries durable. */
  public static void fsyncFolders(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.fsyncDirectory(path);
        }
      }
    }
  }
}
