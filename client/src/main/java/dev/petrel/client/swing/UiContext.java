package dev.petrel.client.swing;

import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.UpdaterConfig;
import java.awt.Window;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * What the screens of one {@link UpdateUi} share: the updater, the owner window, the app's name and
 * version, the restart action, the optional app directory, and the one background thread for
 * network and disk work.
 */
final class UiContext {
  final Updater updater;
  final Window owner;
  final String appName;
  final String installedVersion;
  final Runnable restart;
  final AppDirectory appDirectory;
  final Consumer<UpdaterConfig> onSettingsSaved;
  private final ExecutorService worker;

  UiContext(
      Updater updater,
      Window owner,
      String appName,
      String installedVersion,
      Runnable restart,
      AppDirectory appDirectory,
      Consumer<UpdaterConfig> onSettingsSaved) {
    this.updater = updater;
    this.owner = owner;
    this.appName = PlainText.line(appName);
    this.installedVersion = installedVersion;
    this.restart = restart;
    this.appDirectory = appDirectory;
    this.onSettingsSaved = onSettingsSaved;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "petrel-update-ui");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code task} on the background thread. */
  void background(Runnable task) {
    worker.execute(task);
  }

  /** Runs {@code task} on the event dispatch thread (now, when already on it). */
  static void onEdt(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
    } else {
      SwingUtilities.invokeLater(task);
    }
  }

  /** Shows an error box on the event dispatch thread. */
  void error(String title, String message) {
    onEdt(() -> Messages.error(owner, title, message));
  }

  /**
   * The app directory's current settings; null without an app directory or when the file cannot be
   * read (callers then allow nothing the file might forbid).
   */
  UpdaterConfig config() {
    if (appDirectory == null) {
      return null;
    }
    try {
      return UpdaterConfig.read(appDirectory);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  void close() {
    worker.shutdownNow();
  }
}
