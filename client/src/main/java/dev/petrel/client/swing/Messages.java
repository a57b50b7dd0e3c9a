package dev.petrel.client.swing;

import java.awt.Component;
import javax.swing.JComponent;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;

/**
 * Small message boxes whose text is always shown literally: the message goes in as a component with
 * HTML off, never as a string that {@link JOptionPane} would turn into a label itself.
 */
final class Messages {
  private Messages() {}

  static void info(Component owner, String title, String text) {
    JOptionPane.showMessageDialog(
        owner, body(text), PlainText.line(title), JOptionPane.INFORMATION_MESSAGE);
  }

  static void error(Component owner, String title, String text) {
    JOptionPane.showMessageDialog(
        owner, body(text), PlainText.line(title), JOptionPane.ERROR_MESSAGE);
  }

  /** Asks a yes/no question; true when the user chose {@code confirmCaption}. */
  static boolean confirm(Component owner, String title, String text, String confirmCaption) {
    return confirm(owner, title, text, confirmCaption, "Cancel");
  }

  /** Asks a question with two answers; true when the user chose {@code confirmCaption}. */
  static boolean confirm(
      Component owner, String title, String text, String confirmCaption, String declineCaption) {
    Object[] options = {confirmCaption, declineCaption};
    int chosen =
        JOptionPane.showOptionDialog(
            owner,
            body(text),
            PlainText.line(title),
            JOptionPane.OK_CANCEL_OPTION,
            JOptionPane.QUESTION_MESSAGE,
            null,
            options,
            options[1]);
    return chosen == 0;
  }

  /** The message as a component: a label, or a scrolling text area for long or multi-line text. */
  static JComponent body(String text) {
    String clean = PlainText.clean(text, PlainText.MAX_NOTES_CHARS);
    if (clean.length() <= 120 && clean.indexOf('\n') < 0) {
      return PlainText.label(clean);
    }
    JScrollPane scroll = new JScrollPane(PlainText.area(clean, 6, 50));
    scroll.setBorder(null);
    return scroll;
  }
}
