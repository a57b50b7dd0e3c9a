package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JPanel;
import org.junit.jupiter.api.Test;

class NoticeTest {
  private final List<String> calls = new ArrayList<>();
  private final JPanel content =
      Notice.content(
          "Update available",
          "Petrel Demo 1.0.1 is available (2.0 MB).",
          () -> calls.add("close"),
          () -> calls.add("open"));

  @Test
  void showClosesTheNoticeThenOpensTheDialog() {
    ((JButton) Components.find(content, Notice.OPEN)).doClick();

    assertThat(calls).containsExactly("close", "open");
  }

  @Test
  void dismissOnlyCloses() {
    ((JButton) Components.find(content, Notice.DISMISS)).doClick();

    assertThat(calls).containsExactly("close");
  }

  @Test
  void trayIconIsDrawnAtTheRequestedSizeWithAtLeastSixteenPixels() {
    BufferedImage icon = Notice.icon(24);

    assertThat(icon.getWidth()).isEqualTo(24);
    assertThat(Notice.icon(8).getWidth()).isEqualTo(16);
    assertThat(icon.getRGB(12, 12) >>> 24).isEqualTo(0xFF);
    assertThat(icon.getRGB(0, 0) >>> 24).isZero();
  }
}
