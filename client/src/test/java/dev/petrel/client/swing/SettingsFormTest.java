package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.protocol.ReleaseKeyPair;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
  static final UpdaterConfig CONFIG =
      UpdaterConfig.defaults(
          "demo",
          List.of(URI.create("http://127.0.0.1:8080")),
          List.of(ReleaseKeyPair.generate().publicKey().base64()));

  private final SettingsForm form = new SettingsForm(CONFIG);

  @Test
  void startsFromTheSavedConfig() {
    assertThat(form.autoCheck).isTrue();
    assertThat(form.checkIntervalHours).isEqualTo("6");
    assertThat(form.autoDownload).isTrue();
    assertThat(form.autoInstall).isFalse();
    assertThat(form.maxBackups).isEqualTo("5");
    assertThat(form.updateChannel).isEqualTo("stable");
    assertThat(form.rollbackEnabled).isTrue();
  }

  @Test
  void validChangesBecomeAConfigKeepingWhatTheFormDoesNotShow() {
    form.checkIntervalHours = " 12 ";
    form.updateChannel = "beta";
    form.autoInstall = true;
    form.notifications = false;

    SettingsForm.Result result = form.validate();

    assertThat(result.problems()).isEmpty();
    UpdaterConfig saved = result.config();
    assertThat(saved.checkIntervalHours()).isEqualTo(12);
    assertThat(saved.updateChannel()).isEqualTo("beta");
    assertThat(saved.autoInstall()).isTrue();
    assertThat(saved.notifications()).isFalse();
    assertThat(saved.servers()).isEqualTo(CONFIG.servers());
    assertThat(saved.publicKeys()).isEqualTo(CONFIG.publicKeys());
    assertThat(saved.healthTimeoutSeconds()).isEqualTo(CONFIG.healthTimeoutSeconds());
  }

  @Test
  void numbersThatAreNotNumbersAreAllReported() {
    form.checkIntervalHours = "six";
    form.maxBackups = "";

    SettingsForm.Result result = form.validate();

    assertThat(result.valid()).isFalse();
    assertThat(result.problems())
        .containsExactly(
            "Check every (hours): expected a whole number, found \"six\"",
            "Versions to keep: expected a whole number, found \"\"");
  }

  @Test
  void boundsComeFromTheConfigAndNameTheField() {
    form.checkIntervalHours = "0";

    SettingsForm.Result result = form.validate();

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).hasSize(1);
    assertThat(result.problems().get(0)).startsWith("Check every (hours): expected").contains("0");
  }

  @Test
  void tooManyBackupsAreRefused() {
    form.maxBackups = "1000";

    assertThat(form.validate().problems().get(0)).startsWith("Versions to keep: expected");
  }

  @Test
  void builtInChannelsAreOffered() {
    assertThat(form.channels()).containsExactly("stable", "beta", "alpha");
  }

  @Test
  void dependentFieldsFollowTheirSwitch() {
    form.autoCheck = false;
    assertThat(form.intervalEnabled()).isFalse();
    assertThat(form.autoDownloadEnabled()).isFalse();
    assertThat(form.autoInstallEnabled()).isFalse();

    form.autoCheck = true;
    form.autoDownload = false;
    assertThat(form.autoInstallEnabled()).isFalse();

    form.backupBeforeUpdate = false;
    assertThat(form.maxBackupsEnabled()).isFalse();
  }

  @Test
  void aNewChannelIsNotedAsApplyingFromTheNextStart() {
    form.updateChannel = "alpha";

    assertThat(form.savedNote(form.validate().config()))
        .isEqualTo("The alpha channel is used from the next start of the app.");
    assertThat(new SettingsForm(CONFIG).savedNote(CONFIG)).isEmpty();
  }
}
