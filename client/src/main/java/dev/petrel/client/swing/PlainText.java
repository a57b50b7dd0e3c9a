package dev.petrel.client.swing;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;

/**
 * Puts text from the server, the network or the user on screen as plain text, never as markup.
 *
 * <p>Swing renders any label, button, tooltip or table cell whose text starts with {@code <html>}
 * as HTML, which would let a release note fetch images or fake buttons. Every component built here
 * has the {@code html.disable} client property set before its text, and {@link #clean} strips
 * control characters (bidirectional overrides included) and bounds the length, so what is shown is
 * what the server sent, letter for letter.
 */
final class PlainText {
  /** Swing's client property that switches HTML rendering off for one component. */
  static final String HTML_DISABLE = "html.disable";

  /** Longest release note shown; the rest is cut with an ellipsis. */
  static final int MAX_NOTES_CHARS = 20_000;

  /** Longest single-line text (versions, reasons, messages) shown. */
  static final int MAX_LINE_CHARS = 300;

  private PlainText() {}

  /**
   * Returns {@code text} without control or format characters (line feeds and tabs are kept, other
   * line ends become line feeds), cut to {@code maxChars} with a trailing ellipsis; null becomes
   * "".
   */
  static String clean(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 1));
    for (int i = 0; i < text.length() && out.length() <= maxChars; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        boolean pair = i + 1 < text.length() && text.charAt(i + 1) == '\n';
        if (!pair) {
          out.append('\n');
        }
      } else if (c == '\n' || c == '\t' || !isInvisible(c)) {
        out.append(c);
      }
    }
    if (out.length() > maxChars) {
      int keep = maxChars - 1;
      if (keep > 0 && Character.isHighSurrogate(out.charAt(keep - 1))) {
        keep--;
      }
      out.setLength(keep);
      out.append('\u2026');
    }
    return out.toString();
  }

  /** Returns {@code text} cleaned to one line of at most {@link #MAX_LINE_CHARS} characters. */
  static String line(String text) {
    return clean(text, MAX_LINE_CHARS).replace('\n', ' ').replace('\t', ' ').strip();
  }

  /** A label showing {@code text} literally. */
  static JLabel label(String text) {
    JLabel label = noHtml(new JLabel());
    label.setText(line(text));
    return label;
  }

  /** A button whose caption is shown literally. */
  static JButton button(String text) {
    JButton button = noHtml(new JButton());
    button.setText(line(text));
    return button;
  }

  /** A read-only, wrapping text area for long text such as release notes. */
  static JTextArea area(String text, int rows, int columns) {
    JTextArea area = new JTextArea(rows, columns);
    area.setEditable(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true);
    area.setText(clean(text, MAX_NOTES_CHARS));
    area.setCaretPosition(0);
    return area;
  }

  /** Switches HTML rendering off for {@code component}; call before setting its text. */
  static <T extends JComponent> T noHtml(T component) {
    component.putClientProperty(HTML_DISABLE, Boolean.TRUE);
    return component;
  }

  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
