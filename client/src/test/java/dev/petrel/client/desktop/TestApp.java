package dev.petrel.client.desktop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A tiny desktop app the launcher tests install and start in a child JVM. It appends {@code
 * <version> <mode>} to {@code APP_DIR/runs.txt}, then behaves as {@code -Dtestapp.mode} says:
 * {@code healthy} (mark healthy, exit 0), {@code crash} (exit 3 at once), {@code crash-reported}
 * (leave the crash hook's marker, exit 1), {@code silent} (exit 0 without marking healthy), {@code
 * restart-once} (mark healthy; exit 75 the first time, 0 after), {@code update} (install the
 * archive {@code -Dtestapp.update=PATH|VERSION|CODE} names, exit 75), {@code restart-always} (exit
 * 75 every time), {@code hang} (sleep {@code testapp.sleep-ms}, then exit 0 without marking
 * healthy).
 */
public final class TestApp {
  private TestApp() {}

  public static void main(String[] args) throws Exception {
    String mode = System.getProperty("testapp.mode", "healthy");
    Path appDir = Path.of(System.getProperty(AppDirectory.APP_DIR_PROPERTY));
    String version = System.getProperty(AppDirectory.VERSION_PROPERTY);
    Files.writeString(
        appDir.resolve("runs.txt"),
        version + " " + mode + (args.length > 0 ? " " + String.join(",", args) : "") + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    switch (mode) {
      case "crash" -> System.exit(3);
      case "crash-reported" -> {
        // What Updater.reportCrashes() leaves behind before the JVM dies.
        Files.write(AppDirectory.of(appDir).stateDir().resolve("crash-reported"), new byte[0]);
        System.exit(1);
      }
      case "silent" -> System.exit(0);
      case "restart-always" -> System.exit(AppDirectory.RESTART_EXIT_CODE);
      case "hang" -> {
        Thread.sleep(Long.getLong("testapp.sleep-ms", 5000));
        System.exit(0);
      }
      case "update" -> {
        String[] update = System.getProperty("testapp.update").split("\\|");
        AppDirectory dir = AppDirectory.of(appDir);
        new AppDirectoryInstaller(dir, AppDirectoryInstaller.Options.DEFAULT)
            .installArchive(Path.of(update[0]), update[1], Long.parseLong(update[2]));
        System.exit(AppDirectory.RESTART_EXIT_CODE);
      }
      case "restart-once" -> {
        AppDirectory.markHealthy();
        Path marker = appDir.resolve("restarted-once");
        if (!Files.exists(marker)) {
          Files.createFile(marker);
          System.exit(AppDirectory.RESTART_EXIT_CODE);
        }
        System.exit(0);
      }
      default -> {
        boolean marked = AppDirectory.markHealthy();
        Files.writeString(
            appDir.resolve("healthy.txt"),
            version + " " + marked + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        System.exit(0);
      }
    }
  }
}
