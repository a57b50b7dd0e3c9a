package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void shortMessageIsALabelThatShowsMarkupLiterally() {
    JComponent body = Messages.body("<html><b>server says hi</b>");

    assertThat(body).isInstanceOf(JLabel.class);
    assertThat(((JLabel) body).getText()).isEqualTo("<html><b>server says hi</b>");
    assertThat(body.getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void longOrMultiLineMessageIsReadOnlyTextThatScrolls() {
    JComponent body = Messages.body("line one\n<html>line two");

    assertThat(body).isInstanceOf(JScrollPane.class);
    JTextArea area = (JTextArea) ((JScrollPane) body).getViewport().getView();
    assertThat(area.getText()).isEqualTo("line one\n<html>line two");
    assertThat(area.isEditable()).isFalse();
  }
}
