package dev.petrel.client.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The installed release's artifact, kept in {@code stateDir/base/<sha256>} as the base of the next
 * update's patch. Only one is kept: keeping a new one removes the old. The name is only a claim:
 * the patch applier proves the bytes' SHA-256 before it uses them.
 */
public final class BaseArtifact {
  private BaseArtifact() {}

  /** The kept artifact with this SHA-256 (lower-case hex), or null when none is kept. */
  public static Path find(Path dir, String sha256) {
    Path file = dir.resolve(sha256);
    return Files.isRegularFile(file) ? file : null;
  }

  /**
   * Keeps {@code artifact} (just installed, proven to have {@code sha256}) as the base — a hard
   * link where the file system has them, so it costs no space, a copy otherwise — and removes any
   * other. {@code artifact} itself stays. Never throws: without a base the next update simply
   * downloads the full file.
   */
  public static void keep(Path dir, Path artifact, String sha256) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(sha256);
      Path temporary = dir.resolve(sha256 + ".tmp");
      Files.deleteIfExists(temporary);
      try {
        Files.createLink(temporary, artifact);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(artifact, temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      removeAllBut(dir, target);
    } catch (IOException | RuntimeException e) {
      // The base only saves bytes; its loss costs one full download.
    }
  }

  private static void removeAllBut(Path dir, Path keep) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!file.getFileName().equals(keep.getFileName())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
