package dev.petrel.client.swing;

import dev.petrel.client.CheckResult;
import dev.petrel.client.HistoryEntry;
import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.VerifiedUpdate;
import dev.petrel.client.desktop.UpdateScheduler;
import dev.petrel.client.desktop.UpdaterConfig;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns what the scheduler's runs did into notices for the user, once per update: a found update is
 * announced when the scheduler will not download it itself, a downloaded one when it is ready, an
 * installed one with a restart offer. A version this installation went back from (a rollback or a
 * revert) is not announced; a manual check still offers it. Called on the scheduler's thread.
 */
final class SchedulerAnnouncer implements UpdateScheduler.Listener {
  /** Where the announcer reads settings and history, and what it tells the user. */
  interface Ui {
    /** The current settings, or null when unknown (then background downloads are assumed off). */
    UpdaterConfig config();

    List<HistoryEntry> history() throws UpdateException;

    void updateFound(Offer offer);

    void installedInBackground(InstallResult result);
  }

  private final Ui ui;

  SchedulerAnnouncer(Ui ui) {
    this.ui = ui;
  }

  /** The announcer of an {@link UpdateUi}: found updates go to {@code updateFound}. */
  static SchedulerAnnouncer of(UiContext context, Consumer<Offer> updateFound) {
    return new SchedulerAnnouncer(
        new Ui() {
          @Override
          public UpdaterConfig config() {
            return context.config();
          }

          @Override
          public List<HistoryEntry> history() throws UpdateException {
            return context.updater.history();
          }

          @Override
          public void updateFound(Offer offer) {
            updateFound.accept(offer);
          }

          @Override
          public void installedInBackground(InstallResult result) {
            UiContext.onEdt(() -> announceInstalled(context, result));
          }
        });
  }

  /** A notice that an update was installed in the background; opening it offers a restart. */
  private static void announceInstalled(UiContext ui, InstallResult result) {
    String version = PlainText.line(result.installedVersion());
    String what = ui.appName.isEmpty() ? "Version" : ui.appName;
    Notice.show(
        ui.owner,
        "Update installed",
        what + " " + version + " is installed; it runs after a restart.",
        () -> {
          if (Messages.confirm(
              ui.owner,
              "Update installed",
              "Version " + version + " is installed. Restart now to use it?",
              "Restart now",
              "Later")) {
            ui.restart.run();
          }
        });
  }

  @Override
  public void checked(CheckResult result) {
    if (result.updateAvailable() && !downloadsItself(ui.config())) {
      announce(result.offer(), ui::updateFound);
    }
  }

  @Override
  public void downloaded(VerifiedUpdate update) {
    UpdaterConfig config = ui.config();
    if (config == null || !config.autoInstall()) {
      announce(update.offer(), ui::updateFound);
    }
  }

  @Override
  public void installed(InstallResult result) {
    ui.installedInBackground(result);
  }

  /** Whether the scheduler goes on to download an offer it found (then it is announced later). */
  static boolean downloadsItself(UpdaterConfig config) {
    return config != null && config.autoCheck() && config.autoDownload();
  }

  private void announce(Offer offer, Consumer<Offer> action) {
    try {
      if (!RollbackPrompt.wentBackFrom(ui.history(), offer.version())) {
        action.accept(offer);
      }
    } catch (UpdateException e) {
      // Without the history, announce: telling too much is better than hiding an update.
      action.accept(offer);
    }
  }
}
