package dev.petrel.client.testing;

import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and folder under a directory with the SHA-256 of each file's bytes, so two snapshots
 * are equal exactly when the trees are byte-identical (names, kinds and contents).
 */
public final class TreeSnapshot {
  private TreeSnapshot() {}

  /** The tree under {@code root}, leaving out the top-level names in {@code excluded}. */
  public static TreeMap<String, String> of(Path root, Set<String> excluded) {
    TreeMap<String, String> entries = new TreeMap<>();
    if (!Files.exists(root)) {
      return entries;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.equals(root)) {
          continue;
        }
        Path relative = root.relativize(path);
        if (excluded.contains(relative.getName(0).toString())) {
          continue;
        }
        entries.put(
            relative.toString().replace('\\', '/'),
            Files.isDirectory(path) ? "dir" : Sha256.of(Files.readAllBytes(path)).hex());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** The whole tree under {@code root}. */
  public static TreeMap<String, String> of(Path root) {
    return of(root, Set.of());
  }
}
