package dev.petrel.client.swing;

import dev.petrel.client.desktop.UpdaterConfig;
import java.io.IOException;

/** "Settings…": read {@code updater_config.json}, edit it in the dialog, write it atomically. */
final class SettingsFlow {
  private final UiContext ui;

  SettingsFlow(UiContext ui) {
    this.ui = ui;
  }

  void start() {
    if (ui.appDirectory == null) {
      return;
    }
    ui.background(
        () -> {
          UpdaterConfig config;
          try {
            config = UpdaterConfig.read(ui.appDirectory);
          } catch (IOException | IllegalArgumentException e) {
            ui.error("Could not read the update settings", e.getMessage());
            return;
          }
          UiContext.onEdt(
              () -> SettingsDialog.open(ui.owner, config, saved -> save(config, saved)));
        });
  }

  private void save(UpdaterConfig before, UpdaterConfig saved) {
    String note = new SettingsForm(before).savedNote(saved);
    ui.background(
        () -> {
          try {
            saved.write(ui.appDirectory);
          } catch (IOException e) {
            ui.error("Could not save the update settings", e.getMessage());
            return;
          }
          ui.onSettingsSaved.accept(saved);
          if (!note.isEmpty()) {
            UiContext.onEdt(() -> Messages.info(ui.owner, "Update settings", note));
          }
        });
  }
}
