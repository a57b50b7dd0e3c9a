package dev.petrel.client.internal;

import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** Size and SHA-256 of files on disk, read in 64 KiB steps. */
public final class Proof {
  private Proof() {}

  /** The SHA-256 of {@code file}'s bytes. */
  public static Sha256 sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[Downloader.BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.ofDigest(digest.digest());
  }

  /**
   * Whether {@code file} exists with exactly {@code size} bytes whose SHA-256 is {@code sha256}.
   */
  public static boolean matches(Path file, Sha256 sha256, long size) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == size && sha256(file).equals(sha256);
  }
}
