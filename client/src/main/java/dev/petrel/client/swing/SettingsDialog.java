package dev.petrel.client.swing;

import dev.petrel.client.desktop.UpdaterConfig;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/** The "Update Settings" dialog: the seed's keys of {@code updater_config.json}, validated. */
final class SettingsDialog {
  static final String AUTO_CHECK = "auto_check";
  static final String INTERVAL = "check_interval_hours";
  static final String AUTO_DOWNLOAD = "auto_download";
  static final String AUTO_INSTALL = "auto_install";
  static final String BACKUP = "backup_before_update";
  static final String MAX_BACKUPS = "max_backups";
  static final String CHANNEL = "update_channel";
  static final String NOTIFICATIONS = "notifications";
  static final String ROLLBACK = "rollback_enabled";
  static final String PROBLEMS = "problems";
  static final String SAVE = "save";
  static final String CANCEL = "cancel";

  private SettingsDialog() {}

  /**
   * Shows the dialog modally; {@code onSave} gets the validated config when the user saves (it
   * writes the file and may throw nothing). Must be called on the event dispatch thread.
   */
  static void open(Window owner, UpdaterConfig config, Consumer<UpdaterConfig> onSave) {
    JDialog dialog = new JDialog(owner, "Update settings", Dialog.ModalityType.APPLICATION_MODAL);
    SettingsForm form = new SettingsForm(config);
    dialog.setContentPane(
        content(
            form,
            saved -> {
              dialog.dispose();
              onSave.accept(saved);
            },
            dialog::dispose));
    dialog.getRootPane().setDefaultButton(Components.find(dialog.getContentPane(), SAVE));
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
  }

  /**
   * Builds the form bound to {@code form} (works headless). "Save" validates: problems are shown in
   * the dialog and nothing is saved; a valid config goes to {@code onSave}.
   */
  static JPanel content(SettingsForm form, Consumer<UpdaterConfig> onSave, Runnable onCancel) {
    JCheckBox autoCheck = box("Check for updates automatically", AUTO_CHECK, form.autoCheck);
    JTextField interval = field(INTERVAL, form.checkIntervalHours);
    JCheckBox autoDownload =
        box("Download updates in the background", AUTO_DOWNLOAD, form.autoDownload);
    JCheckBox autoInstall =
        box("Install downloaded updates without asking", AUTO_INSTALL, form.autoInstall);
    JCheckBox backup = box("Keep earlier versions as backups", BACKUP, form.backupBeforeUpdate);
    JTextField maxBackups = field(MAX_BACKUPS, form.maxBackups);
    JComboBox<String> channel =
        Components.named(new JComboBox<>(form.channels().toArray(new String[0])), CHANNEL);
    channel.setSelectedItem(form.updateChannel);
    JCheckBox notifications =
        box("Tell me when an update is available", NOTIFICATIONS, form.notifications);
    JCheckBox rollback =
        box("Allow rolling back to the previous version", ROLLBACK, form.rollbackEnabled);
    JTextArea problems = Components.named(PlainText.area("", 2, 40), PROBLEMS);
    problems.setForeground(new Color(0xB0, 0x00, 0x20));
    problems.setOpaque(false);
    problems.setVisible(false);

    Runnable refresh =
        () -> {
          form.autoCheck = autoCheck.isSelected();
          form.checkIntervalHours = interval.getText();
          form.autoDownload = autoDownload.isSelected();
          form.autoInstall = autoInstall.isSelected();
          form.backupBeforeUpdate = backup.isSelected();
          form.maxBackups = maxBackups.getText();
          form.updateChannel = (String) channel.getSelectedItem();
          form.notifications = notifications.isSelected();
          form.rollbackEnabled = rollback.isSelected();
          interval.setEnabled(form.intervalEnabled());
          autoDownload.setEnabled(form.autoDownloadEnabled());
          autoInstall.setEnabled(form.autoInstallEnabled());
          maxBackups.setEnabled(form.maxBackupsEnabled());
        };
    for (JCheckBox box : new JCheckBox[] {autoCheck, autoDownload, autoInstall, backup}) {
      box.addActionListener(event -> refresh.run());
    }
    refresh.run();

    JPanel grid = new JPanel(new GridBagLayout());
    int row = 0;
    row = add(grid, row, autoCheck, null);
    row = add(grid, row, PlainText.label(SettingsForm.CAPTIONS.get(INTERVAL)), interval);
    row = add(grid, row, autoDownload, null);
    row = add(grid, row, autoInstall, null);
    row = add(grid, row, backup, null);
    row = add(grid, row, PlainText.label(SettingsForm.CAPTIONS.get(MAX_BACKUPS)), maxBackups);
    row = add(grid, row, PlainText.label(SettingsForm.CAPTIONS.get(CHANNEL)), channel);
    row = add(grid, row, notifications, null);
    add(grid, row, rollback, null);

    JButton save = Components.named(PlainText.button("Save"), SAVE);
    JButton cancel = Components.named(PlainText.button("Cancel"), CANCEL);
    save.addActionListener(
        event -> {
          refresh.run();
          SettingsForm.Result result = form.validate();
          if (result.valid()) {
            onSave.accept(result.config());
          } else {
            problems.setText(String.join("\n", result.problems()));
            problems.setVisible(true);
            // Make room for the messages rather than squeezing the fields.
            Window window = SwingUtilities.getWindowAncestor(problems);
            if (window != null) {
              window.pack();
            }
          }
        });
    cancel.addActionListener(event -> onCancel.run());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    buttons.add(cancel);
    buttons.add(save);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.add(problems, BorderLayout.CENTER);
    bottom.add(buttons, BorderLayout.SOUTH);

    JPanel content = new JPanel(new BorderLayout(0, 8));
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 8, 12));
    JPanel left = new JPanel(new BorderLayout());
    left.add(grid, BorderLayout.WEST);
    content.add(left, BorderLayout.CENTER);
    content.add(bottom, BorderLayout.SOUTH);
    return content;
  }

  private static JCheckBox box(String caption, String name, boolean selected) {
    JCheckBox box = Components.named(PlainText.noHtml(new JCheckBox(caption, selected)), name);
    return box;
  }

  private static JTextField field(String name, String text) {
    JTextField field = Components.named(new JTextField(text, 5), name);
    field.setMinimumSize(field.getPreferredSize());
    return field;
  }

  private static int add(JPanel grid, int row, JComponent left, JComponent right) {
    GridBagConstraints at = new GridBagConstraints();
    at.gridy = row;
    at.anchor = GridBagConstraints.WEST;
    at.insets = new Insets(2, 0, 2, 8);
    at.gridx = 0;
    at.gridwidth = right == null ? 2 : 1;
    grid.add(left, at);
    if (right != null) {
      at.gridx = 1;
      grid.add(right, at);
    }
    return row + 1;
  }
}
