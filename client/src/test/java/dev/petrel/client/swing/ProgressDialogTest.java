package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.Test;

class ProgressDialogTest {
  private final AtomicInteger cancels = new AtomicInteger();
  private final AtomicInteger restarts = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private final ProgressModel model = new ProgressModel("1.0.1", cancels::incrementAndGet);
  private final JPanel content =
      ProgressDialog.content(model, restarts::incrementAndGet, closes::incrementAndGet);

  private <T extends java.awt.Component> T part(String name) {
    return Components.find(content, name);
  }

  @Test
  void downloadingShowsTheBarAndOnlyCancel() {
    model.downloadStarted(0, 1_000);
    model.progress(400, 1_000);

    JProgressBar bar = part(ProgressDialog.BAR);
    assertThat(bar.isIndeterminate()).isFalse();
    assertThat(bar.getValue()).isEqualTo(40);
    assertThat(((JLabel) part(ProgressDialog.DETAIL)).getText())
        .isEqualTo("400 B of 1.0 kB (40 %)");
    assertThat(((JButton) part(ProgressDialog.CANCEL)).isVisible()).isTrue();
    assertThat(((JButton) part(ProgressDialog.RESTART)).isVisible()).isFalse();
    assertThat(((JButton) part(ProgressDialog.CLOSE)).isVisible()).isFalse();
  }

  @Test
  void cancelButtonCancelsOnceAndThenGreysOut() {
    model.downloadStarted(0, 1_000);
    JButton cancel = part(ProgressDialog.CANCEL);

    cancel.doClick();
    cancel.doClick();

    assertThat(cancels).hasValue(1);
    assertThat(cancel.isEnabled()).isFalse();
    assertThat(((JLabel) part(ProgressDialog.STATUS)).getText()).isEqualTo("Cancelling\u2026");
  }

  @Test
  void afterInstallRestartNowClosesAndRestarts() {
    model.installStarted();
    model.installed(true);
    JButton restart = part(ProgressDialog.RESTART);
    JButton close = part(ProgressDialog.CLOSE);

    assertThat(restart.isVisible()).isTrue();
    assertThat(close.getText()).isEqualTo("Restart later");
    assertThat(((JButton) part(ProgressDialog.CANCEL)).isVisible()).isFalse();
    restart.doClick();

    assertThat(closes).hasValue(1);
    assertThat(restarts).hasValue(1);
  }

  @Test
  void failureShowsTheServersWordsLiterally() {
    model.failed(false, "<html><b>boom</b>");

    JLabel status = part(ProgressDialog.STATUS);
    assertThat(status.getText()).isEqualTo("The update failed: <html><b>boom</b>");
    assertThat(status.getClientProperty(javax.swing.plaf.basic.BasicHTML.propertyKey)).isNull();
    assertThat(((JButton) part(ProgressDialog.CLOSE)).isVisible()).isTrue();
  }

  @Test
  void contentIsWideEnoughForTheLongestStatusAndBothButtons() {
    assertThat(content.getPreferredSize().width).isGreaterThanOrEqualTo(ProgressDialog.MIN_WIDTH);

    model.installStarted();
    model.installed(true);
    JLabel status = part(ProgressDialog.STATUS);
    JButton restart = part(ProgressDialog.RESTART);
    JButton close = part(ProgressDialog.CLOSE);

    int inner = content.getPreferredSize().width - 24;
    assertThat(inner).isGreaterThanOrEqualTo(status.getPreferredSize().width);
    assertThat(inner)
        .isGreaterThanOrEqualTo(restart.getPreferredSize().width + close.getPreferredSize().width);
  }
}
