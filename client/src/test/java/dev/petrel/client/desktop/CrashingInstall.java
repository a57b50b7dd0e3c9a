package dev.petrel.client.desktop;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: installs {@code args[1]} as version {@code
 * args[2]}/{@code args[3]} into the app directory {@code args[0]}, with {@code
 * -Dpetrel.test.crash-at} naming the step at which it stops to be killed.
 */
public final class CrashingInstall {
  private CrashingInstall() {}

  public static void main(String[] args) throws Exception {
    new AppDirectoryInstaller(
            AppDirectory.of(Path.of(args[0])), AppDirectoryInstaller.Options.DEFAULT)
        .installArchive(Path.of(args[1]), args[2], Long.parseLong(args[3]));
    System.out.println("INSTALLED");
  }
}
