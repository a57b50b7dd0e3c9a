package dev.petrel.client.desktop;

import dev.petrel.client.Updater;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * An app that turns on crash reporting and then dies of an uncaught exception whose message holds
 * "user data": {@code CrashingApp STATE_DIR SERVER_URL PUBLIC_KEY}. Run in a child JVM.
 */
public final class CrashingApp {
  private CrashingApp() {}

  public static void main(String[] args) {
    Updater updater =
        Updater.builder()
            .app("notes")
            .platform("linux")
            .installedVersion("1.2.0", 12)
            .trustedKey(args[2])
            .stateDir(Path.of(args[0]))
            .server(URI.create(args[1]))
            .build();
    updater.reportStarted();
    updater.reportCrashes();
    throw new IllegalStateException(
        "the user's file /home/alice/secret.txt", new IOException("disk of alice"));
  }
}
