package dev.petrel.cli;

import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.DesktopUpdater;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --app-dir}: the desktop app directory the {@code petrel update} commands work on. */
final class AppDirOptions {
  @Option(
      names = "--app-dir",
      required = true,
      paramLabel = "DIR",
      description = "The app directory (versions/, current, updater_config.json, .petrel/).")
  Path appDir;

  AppDirectory directory() {
    return AppDirectory.of(appDir);
  }

  /** The updater of the app directory, built from its updater_config.json. */
  Updater open() {
    try {
      return DesktopUpdater.open(directory());
    } catch (NoSuchFileException e) {
      throw new CommandFailedException(e.getFile() + ": no such file", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }

  /** An updater failure as one line, e.g. {@code network: …} or {@code verification: …}. */
  static CommandFailedException failed(UpdateException e) {
    return new CommandFailedException(
        e.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(), e);
  }
}
