package dev.petrel.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app {@link LaunchCommandTest} starts through {@code petrel launch}: writes its version and
 * arguments to {@code APP_DIR/launched.txt} and exits with the code its first argument names (0
 * without arguments). Uses only the JDK, so its one class file is the whole app.
 */
public final class LaunchedApp {
  private LaunchedApp() {}

  public static void main(String[] args) throws Exception {
    Path appDir = Path.of(System.getProperty("petrel.app.dir"));
    Files.writeString(
        appDir.resolve("launched.txt"),
        System.getProperty("petrel.app.version") + " " + String.join(",", args),
        StandardCharsets.UTF_8);
    System.exit(args.length > 0 ? Integer.parseInt(args[0]) : 0);
  }
}
