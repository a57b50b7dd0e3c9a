package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;

class UpdateDialogTest {
  private final List<UpdatePrompt.Choice> choices = new ArrayList<>();

  private JPanel content(String notes, boolean mandatory) {
    OfferSummary offer = new OfferSummary("1.0.1", notes, 2_048_000, mandatory, false);
    return UpdateDialog.content(new UpdatePrompt("Petrel Demo", "1.0.0", offer), choices::add);
  }

  @Test
  void optionalUpdateHasLaterAndUpdateButtons() {
    JPanel content = content("Fixed login", false);

    JButton later = Components.find(content, UpdateDialog.LATER);
    JButton update = Components.find(content, UpdateDialog.UPDATE);
    assertThat(later.getText()).isEqualTo("Later");
    assertThat(update.getText()).isEqualTo("Update");
    assertThat((JLabel) Components.find(content, UpdateDialog.REQUIRED)).isNull();
  }

  @Test
  void mandatoryUpdateHasNoLaterButtonAndSaysItIsRequired() {
    JPanel content = content("Security fix", true);

    assertThat((JButton) Components.find(content, UpdateDialog.LATER)).isNull();
    assertThat((JButton) Components.find(content, UpdateDialog.UPDATE)).isNotNull();
    JLabel required = Components.find(content, UpdateDialog.REQUIRED);
    assertThat(required.getText()).contains("required");
  }

  @Test
  void buttonsReportTheChoice() {
    JPanel content = content("", false);

    ((JButton) Components.find(content, UpdateDialog.LATER)).doClick();
    ((JButton) Components.find(content, UpdateDialog.UPDATE)).doClick();

    assertThat(choices).containsExactly(UpdatePrompt.Choice.LATER, UpdatePrompt.Choice.UPDATE);
  }

  @Test
  void headlineNotesAndSizeAreShown() {
    JPanel content = content("Line one\nLine two", false);

    assertThat(((JLabel) Components.find(content, UpdateDialog.HEADLINE)).getText())
        .isEqualTo("Version 1.0.1 is available (you have 1.0.0).");
    assertThat(((JTextArea) Components.find(content, UpdateDialog.NOTES)).getText())
        .isEqualTo("Line one\nLine two");
    assertThat(((JLabel) Components.find(content, UpdateDialog.SIZE)).getText())
        .isEqualTo("Size: 2.0 MB");
  }

  @Test
  void htmlLookingNotesAreShownLiterallyAndNeverRendered() {
    String notes = "<html><img src='http://tracker.example/pixel'>Pay here</html>";
    JPanel content = content(notes, false);

    JTextArea area = Components.find(content, UpdateDialog.NOTES);
    assertThat(area.getText()).isEqualTo(notes);
    assertThat(area.isEditable()).isFalse();
    JLabel headline = Components.find(content, UpdateDialog.HEADLINE);
    assertThat(headline.getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void htmlLookingVersionIsNotRenderedInTheHeadline() {
    OfferSummary offer = new OfferSummary("<html><b>9.9.9", "", 1, false, false);
    JPanel content = UpdateDialog.content(new UpdatePrompt("", "<html>1.0.0", offer), choices::add);

    JLabel headline = Components.find(content, UpdateDialog.HEADLINE);
    assertThat(headline.getText()).contains("<html><b>9.9.9");
    assertThat(headline.getClientProperty(BasicHTML.propertyKey)).isNull();
  }
}
