package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.swing.ProgressModel.Phase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressModelTest {
  private final AtomicInteger cancels = new AtomicInteger();
  private final AtomicInteger changes = new AtomicInteger();
  private final ProgressModel model = new ProgressModel("1.0.1", cancels::incrementAndGet);

  ProgressModelTest() {
    model.observe(changes::incrementAndGet);
  }

  @Test
  void startsConnectingWithAnIndeterminateBarAndCancel() {
    assertThat(model.phase()).isEqualTo(Phase.STARTING);
    assertThat(model.title()).isEqualTo("Updating to 1.0.1");
    assertThat(model.status()).isEqualTo("Connecting\u2026");
    assertThat(model.percent()).isEqualTo(-1);
    assertThat(model.cancelVisible()).isTrue();
    assertThat(model.cancelEnabled()).isTrue();
    assertThat(model.restartVisible()).isFalse();
    assertThat(model.closeVisible()).isFalse();
  }

  @Test
  void downloadShowsBytesAndPercent() {
    model.downloadStarted(0, 4_000_000);
    model.progress(1_000_000, 4_000_000);

    assertThat(model.phase()).isEqualTo(Phase.DOWNLOADING);
    assertThat(model.status()).isEqualTo("Downloading 1.0.1\u2026");
    assertThat(model.detail()).isEqualTo("1.0 MB of 4.0 MB (25 %)");
    assertThat(model.percent()).isEqualTo(25);
    assertThat(changes).hasValue(2);
  }

  @Test
  void resumedDownloadSaysSoAndStartsFromTheKeptBytes() {
    model.downloadStarted(2_000_000, 4_000_000);

    assertThat(model.status()).isEqualTo("Resuming the download of 1.0.1\u2026");
    assertThat(model.percent()).isEqualTo(50);
  }

  @Test
  void lastBytesMoveToVerifying() {
    model.downloadStarted(0, 100);
    model.progress(100, 100);

    assertThat(model.phase()).isEqualTo(Phase.VERIFYING);
    assertThat(model.status()).isEqualTo("Checking the signature and checksum\u2026");
    assertThat(model.cancelEnabled()).isTrue();
  }

  @Test
  void installingCannotBeCancelled() {
    model.downloadStarted(0, 100);
    model.verified();
    model.installStarted();

    assertThat(model.status()).isEqualTo("Installing 1.0.1\u2026");
    assertThat(model.cancelEnabled()).isFalse();
    assertThat(model.percent()).isEqualTo(-1);
    model.requestCancel();
    assertThat(cancels).hasValue(0);
  }

  @Test
  void installedOffersRestartNowAndLater() {
    model.downloadStarted(0, 100);
    model.verified();
    model.installStarted();
    model.installed(true);

    assertThat(model.status()).isEqualTo("Version 1.0.1 is installed. Restart to use it.");
    assertThat(model.cancelVisible()).isFalse();
    assertThat(model.restartVisible()).isTrue();
    assertThat(model.closeVisible()).isTrue();
    assertThat(model.closeCaption()).isEqualTo("Restart later");
    assertThat(model.percent()).isEqualTo(100);
  }

  @Test
  void installWithoutRestartJustCloses() {
    model.installStarted();
    model.installed(false);

    assertThat(model.restartVisible()).isFalse();
    assertThat(model.closeCaption()).isEqualTo("Close");
  }

  @Test
  void cancelRunsTheCancelActionOnceAndEndsCancelled() {
    model.downloadStarted(0, 100);
    model.requestCancel();
    model.requestCancel();

    assertThat(cancels).hasValue(1);
    assertThat(model.status()).isEqualTo("Cancelling\u2026");
    assertThat(model.cancelEnabled()).isFalse();

    model.failed(true, "cancelled by the user");

    assertThat(model.phase()).isEqualTo(Phase.CANCELLED);
    assertThat(model.status()).isEqualTo("The update was cancelled. Nothing was changed.");
    assertThat(model.closeVisible()).isTrue();
    assertThat(model.closeCaption()).isEqualTo("Close");
  }

  @Test
  void failureShowsTheMessageAsOneCleanLine() {
    model.downloadStarted(0, 100);
    model.failed(false, "sha256 mismatch:\nexpected ab, found cd\u202E");

    assertThat(model.phase()).isEqualTo(Phase.FAILED);
    assertThat(model.status())
        .isEqualTo("The update failed: sha256 mismatch: expected ab, found cd");
    assertThat(model.restartVisible()).isFalse();
  }

  @Test
  void eventsAfterTheEndAreIgnored() {
    model.failed(false, "network down");
    int before = changes.get();

    model.progress(50, 100);
    model.installStarted();
    model.installed(true);

    assertThat(model.phase()).isEqualTo(Phase.FAILED);
    assertThat(changes).hasValue(before);
  }

  @Test
  void restartedDownloadMayGoBackToFewerBytes() {
    model.downloadStarted(60, 100);
    model.progress(10, 100);

    assertThat(model.percent()).isEqualTo(10);
  }
}
