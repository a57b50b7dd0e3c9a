package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.AppDirectoryLock;
import java.nio.file.Path;
import java.time.Duration;

/** Run in a child JVM: takes an app directory's lock, prints {@code LOCKED}, waits to be killed. */
public final class LockHolder {
  private LockHolder() {}

  @SuppressWarnings("try")
  public static void main(String[] args) throws Exception {
    AppDirectory dir = AppDirectory.of(Path.of(args[0]));
    try (AppDirectoryLock lock = AppDirectoryLock.acquire(dir.lockFile(), Duration.ofSeconds(5))) {
      System.out.println("LOCKED");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
