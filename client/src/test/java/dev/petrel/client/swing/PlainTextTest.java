package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;

class PlainTextTest {
  private static final String MARKUP = "<html><img src='http://evil.example/x.png'><b>Free!</b>";

  @Test
  void plainSwingLabelWouldRenderMarkupSoTheGuardIsNeeded() {
    JLabel ordinary = new JLabel(MARKUP);

    assertThat(ordinary.getClientProperty(BasicHTML.propertyKey)).isNotNull();
  }

  @Test
  void labelShowsMarkupLiterally() {
    JLabel label = PlainText.label(MARKUP);

    assertThat(label.getText()).isEqualTo(MARKUP);
    assertThat(label.getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void labelStaysLiteralWhenItsTextChangesLater() {
    JLabel label = PlainText.label("Downloading");

    label.setText("<HTML><u>changed</u>");

    assertThat(label.getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void buttonShowsMarkupLiterally() {
    JButton button = PlainText.button(MARKUP);

    assertThat(button.getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void cleanDropsControlAndBidiOverrideCharactersButKeepsLinesAndTabs() {
    String text = "Fixes\u0007 login\r\nNew:\tdark \u202Emode\u202C\u200B\rDone";

    assertThat(PlainText.clean(text, 100)).isEqualTo("Fixes login\nNew:\tdark mode\nDone");
  }

  @Test
  void cleanCutsLongTextWithAnEllipsis() {
    assertThat(PlainText.clean("abcdefghij", 5)).isEqualTo("abcd\u2026");
    assertThat(PlainText.clean("abcde", 5)).isEqualTo("abcde");
  }

  @Test
  void cleanNeverSplitsASurrogatePair() {
    String text = "abc\uD83D\uDE00def";

    assertThat(PlainText.clean(text, 5)).isEqualTo("abc\u2026");
  }

  @Test
  void cleanTurnsNullIntoEmptyText() {
    assertThat(PlainText.clean(null, 10)).isEmpty();
  }

  @Test
  void lineFoldsLinesIntoOne() {
    assertThat(PlainText.line("  one\ntwo\tthree  ")).isEqualTo("one two three");
  }
}
