package dev.petrel.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests of thread nice values need to know of the process that runs them (Linux). */
public final class ThreadNice {
  /** The bit of {@code CAP_SYS_NICE} in {@code CapEff}. */
  private static final int CAP_SYS_NICE = 23;

  private ThreadNice() {}

  /**
   * Whether this process has {@code CAP_SYS_NICE}, without which a thread's nice value cannot come
   * back down; false where {@code /proc/self/status} is missing.
   */
  public static boolean hasCapSysNice() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("CapEff:")) {
        long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
        return (caps >> CAP_SYS_NICE & 1) == 1;
      }
    }
    return false;
  }
}
