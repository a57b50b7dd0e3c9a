package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.desktop.UpdaterConfig;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import org.junit.jupiter.api.Test;

class SettingsDialogTest {
  private final List<UpdaterConfig> saved = new ArrayList<>();
  private final List<String> cancelled = new ArrayList<>();
  private final JPanel content =
      SettingsDialog.content(
          new SettingsForm(SettingsFormTest.CONFIG), saved::add, () -> cancelled.add("cancel"));

  private <T extends java.awt.Component> T part(String name) {
    return Components.find(content, name);
  }

  @Test
  void turningOffAutomaticChecksGreysOutWhatDependsOnThem() {
    JCheckBox autoCheck = part(SettingsDialog.AUTO_CHECK);

    autoCheck.doClick();

    assertThat(((JTextField) part(SettingsDialog.INTERVAL)).isEnabled()).isFalse();
    assertThat(((JCheckBox) part(SettingsDialog.AUTO_DOWNLOAD)).isEnabled()).isFalse();
    assertThat(((JCheckBox) part(SettingsDialog.AUTO_INSTALL)).isEnabled()).isFalse();
    assertThat(((JTextField) part(SettingsDialog.MAX_BACKUPS)).isEnabled()).isTrue();
  }

  @Test
  void invalidInputShowsTheProblemsAndSavesNothing() {
    ((JTextField) part(SettingsDialog.INTERVAL)).setText("0");
    ((JTextField) part(SettingsDialog.MAX_BACKUPS)).setText("many");

    ((JButton) part(SettingsDialog.SAVE)).doClick();

    JTextArea problems = part(SettingsDialog.PROBLEMS);
    assertThat(problems.isVisible()).isTrue();
    assertThat(problems.getText())
        .isEqualTo("Versions to keep: expected a whole number, found \"many\"");
    assertThat(saved).isEmpty();
  }

  @Test
  void validInputIsSaved() {
    ((JTextField) part(SettingsDialog.INTERVAL)).setText("24");
    @SuppressWarnings("unchecked")
    JComboBox<String> channel = (JComboBox<String>) part(SettingsDialog.CHANNEL);
    channel.setSelectedItem("beta");
    ((JCheckBox) part(SettingsDialog.ROLLBACK)).doClick();

    ((JButton) part(SettingsDialog.SAVE)).doClick();

    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).checkIntervalHours()).isEqualTo(24);
    assertThat(saved.get(0).updateChannel()).isEqualTo("beta");
    assertThat(saved.get(0).rollbackEnabled()).isFalse();
  }

  @Test
  void cancelSavesNothing() {
    ((JButton) part(SettingsDialog.CANCEL)).doClick();

    assertThat(cancelled).containsExactly("cancel");
    assertThat(saved).isEmpty();
  }
}
