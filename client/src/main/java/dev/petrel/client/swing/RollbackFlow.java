package dev.petrel.client.swing;

import dev.petrel.client.UpdateException;
import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.client.desktop.internal.VersionFolders;
import java.io.IOException;

/** "Rollback Update…": find the version to go back to, confirm, roll back, offer a restart. */
final class RollbackFlow {
  private final UiContext ui;

  RollbackFlow(UiContext ui) {
    this.ui = ui;
  }

  void start() {
    ui.background(
        () -> {
          String previous;
          try {
            previous = previousVersion();
          } catch (UpdateException | IOException e) {
            ui.error("Could not find the previous version", e.getMessage());
            return;
          }
          UpdaterConfig config = ui.config();
          boolean enabled = ui.appDirectory == null || (config != null && config.rollbackEnabled());
          RollbackPrompt prompt = new RollbackPrompt(ui.installedVersion, previous, enabled);
          UiContext.onEdt(() -> confirm(prompt));
        });
  }

  private void confirm(RollbackPrompt prompt) {
    if (!prompt.possible()) {
      Messages.info(ui.owner, prompt.title(), prompt.message());
      return;
    }
    if (!Messages.confirm(ui.owner, prompt.title(), prompt.message(), prompt.confirmCaption())) {
      return;
    }
    ui.background(
        () -> {
          try {
            ui.updater.rollback(prompt.reason());
          } catch (UpdateException e) {
            ui.error("Could not roll back", e.getMessage());
            return;
          }
          UiContext.onEdt(
              () -> {
                if (Messages.confirm(
                    ui.owner, prompt.title(), prompt.doneMessage(), "Restart now", "Later")) {
                  ui.restart.run();
                }
              });
        });
  }

  /** The version a rollback returns to, as the installer chooses it; or null. */
  private String previousVersion() throws UpdateException, IOException {
    if (ui.appDirectory != null) {
      return VersionFolders.previousOf(ui.appDirectory, ui.installedVersion).orElse(null);
    }
    return RollbackPrompt.previousVersion(ui.updater.history(), ui.installedVersion);
  }
}
