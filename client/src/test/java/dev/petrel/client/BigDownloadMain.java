package dev.petrel.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads one release through the real {@link Updater} in its own JVM, so a test can cap its heap
 * ({@code -Xmx64m}). Arguments: server-or-feed URL (unused for the download), pinned key, state
 * dir, download URL, version, version code, size, sha256, statement (base64), signature. Prints
 * {@code ok <file> <max heap bytes>} on success.
 */
public final class BigDownloadMain {
  private BigDownloadMain() {}

  public static void main(String[] args) throws Exception {
    try (Updater updater =
        Updater.builder()
            .server(URI.create(args[0]))
            .app("notes")
            .platform("linux")
            .installedVersion("1.0.0", 10)
            .trustedKey(args[1])
            .stateDir(Path.of(args[2]))
            .readTimeout(Duration.ofSeconds(30))
            .reportEvents(false)
            .build()) {
      Offer offer =
          new Offer(
              args[4],
              Long.parseLong(args[5]),
              "stable",
              false,
              "",
              Long.parseLong(args[6]),
              args[7],
              URI.create(args[3]),
              false,
              args[8],
              args[9],
              null,
              null,
              null);
      VerifiedUpdate update = updater.download(offer, null, new Cancellation());
      System.out.println("ok " + update.file() + " " + Runtime.getRuntime().maxMemory());
    }
  }
}
