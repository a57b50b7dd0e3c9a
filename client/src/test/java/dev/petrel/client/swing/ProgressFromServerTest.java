package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.Cancellation;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import dev.petrel.client.swing.ProgressModel.Phase;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress window's model driven by the real updater's listener against a real server. */
class ProgressFromServerTest {
  @TempDir Path dir;
  private PetrelFixture petrel;
  private RecordingInstaller installer;
  private Updater updater;

  @BeforeEach
  void start() {
    petrel = PetrelFixture.start(dir.resolve("server"));
    installer = new RecordingInstaller(dir.resolve("app"), "1.0.0");
    updater =
        Updater.builder()
            .server(petrel.uri())
            .app(PetrelFixture.APP)
            .platform(PetrelFixture.PLATFORM)
            .installedVersion("1.0.0", 10)
            .trustedKey(petrel.publicKey())
            .stateDir(dir.resolve("state"))
            .installer(installer)
            .readTimeout(Duration.ofSeconds(5))
            .reportEvents(false)
            .build();
    byte[] bytes = new byte[600_000];
    new Random(7).nextBytes(bytes);
    petrel.publish("1.2.0", 12, bytes);
  }

  @AfterEach
  void stop() {
    updater.close();
    petrel.close();
  }

  @Test
  void downloadAndInstallWalkTheWindowToRestartNow() throws Exception {
    Offer offer = updater.check().offer();
    Cancellation cancellation = new Cancellation();
    ProgressModel model = new ProgressModel(offer.version(), cancellation::cancel);
    JPanel content = ProgressDialog.content(model, () -> {}, () -> {});
    List<Phase> phases = new ArrayList<>();
    model.observe(() -> phases.add(model.phase()));
    RelayListener listener = new RelayListener(new ProgressRelay(model));

    updater.install(updater.download(offer, listener, cancellation), listener);
    SwingUtilities.invokeAndWait(() -> {});

    assertThat(installer.installs()).hasSize(1);
    assertThat(phases).startsWith(Phase.DOWNLOADING).endsWith(Phase.INSTALLING, Phase.INSTALLED);
    assertThat(phases).contains(Phase.VERIFYING);
    assertThat(model.status()).startsWith("Version 1.2.0 is installed.");
    JProgressBar bar = Components.find(content, ProgressDialog.BAR);
    assertThat(bar.getValue()).isEqualTo(100);
  }

  @Test
  void cancelInTheWindowStopsTheDownloadAndNothingIsInstalled() throws Exception {
    Offer offer = updater.check().offer();
    Cancellation cancellation = new Cancellation();
    ProgressModel model = new ProgressModel(offer.version(), cancellation::cancel);
    RelayListener listener = new RelayListener(new ProgressRelay(model));

    SwingUtilities.invokeAndWait(model::requestCancel);
    assertThatThrownBy(() -> updater.download(offer, listener, cancellation))
        .isInstanceOfSatisfying(
            UpdateException.class,
            e -> assertThat(e.reason()).isEqualTo(UpdateException.Reason.CANCELLED));
    SwingUtilities.invokeAndWait(() -> {});

    assertThat(model.phase()).isEqualTo(Phase.CANCELLED);
    assertThat(installer.installs()).isEmpty();
  }
}
