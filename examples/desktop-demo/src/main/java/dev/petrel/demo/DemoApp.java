package dev.petrel.demo;

import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.DesktopUpdater;
import dev.petrel.client.desktop.UpdateScheduler;
import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.client.swing.LookAndFeels;
import dev.petrel.client.swing.UpdateUi;
import java.io.IOException;
import java.util.Optional;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * The demo desktop app: a window showing its version, with the "Update" menu, background checks on
 * the schedule of {@code updater_config.json} (announced by notices), and the health handshake once
 * the window is up. Start it with {@code petrel launch --app-dir DIR}; started any other way it
 * runs with updates off and says so.
 */
public final class DemoApp {
  private DemoApp() {}

  /** Starts the demo. */
  public static void main(String[] args) {
    DemoVersion version = DemoVersion.ofThisBuild();
    Optional<AppDirectory> dir = AppDirectory.fromLauncher();
    if (dir.isEmpty()) {
      show(version, "Started without the Petrel launcher: updates are off.");
      return;
    }
    Updater updater;
    UpdaterConfig config;
    try {
      config = UpdaterConfig.read(dir.get());
      updater = DesktopUpdater.open(dir.get(), config);
    } catch (IOException | IllegalArgumentException e) {
      show(version, "Updates are off: " + e.getMessage());
      return;
    }
    // Crashes of this process reach the release's crash-free figures (sent on the next start).
    updater.reportCrashes();
    SwingUtilities.invokeLater(() -> start(version, dir.get(), updater, config));
  }

  private static void start(
      DemoVersion version, AppDirectory dir, Updater updater, UpdaterConfig config) {
    LookAndFeels.install();
    JFrame frame = DemoWindow.create(version, "Installed in " + dir.root());
    UpdateUi ui =
        UpdateUi.builder()
            .updater(updater)
            .owner(frame)
            .appName(DemoWindow.TITLE)
            .installedVersion(version.version())
            .appDirectory(dir)
            .restart(() -> System.exit(AppDirectory.RESTART_EXIT_CODE))
            .build();
    DemoWindow.addMenu(frame, ui.menu());
    frame.setVisible(true);
    // The window is up: this version works, so the launcher must not revert it. Then the
    // background checks begin (the first one 30 s from now when one is due).
    UpdateScheduler scheduler =
        UpdateScheduler.forAppDirectory(dir, updater, config, ui.schedulerListener());
    Thread healthy =
        new Thread(
            () -> {
              try {
                updater.markHealthy();
                updater.reportStarted();
              } catch (UpdateException e) {
                System.err.println("petrel-demo: could not report healthy: " + e.getMessage());
              }
              scheduler.start();
            },
            "petrel-demo-start");
    healthy.start();
  }

  private static void show(DemoVersion version, String status) {
    SwingUtilities.invokeLater(
        () -> {
          LookAndFeels.install();
          DemoWindow.create(version, status).setVisible(true);
        });
  }
}
