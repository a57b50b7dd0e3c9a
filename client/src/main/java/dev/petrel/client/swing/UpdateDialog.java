package dev.petrel.client.swing;

import java.awt.BorderLayout;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;

/** The "update available" dialog: version, release notes, size, "Later" and "Update". */
final class UpdateDialog {
  /** Component names, for tests and accessibility tools. */
  static final String HEADLINE = "headline";

  static final String NOTES = "notes";
  static final String SIZE = "size";
  static final String REQUIRED = "required";
  static final String UPDATE = "update";
  static final String LATER = "later";

  private UpdateDialog() {}

  /**
   * Shows the dialog modally over {@code owner} and returns the choice. Must be called on the event
   * dispatch thread.
   */
  static UpdatePrompt.Choice show(Window owner, UpdatePrompt prompt) {
    JDialog dialog = new JDialog(owner, prompt.title(), Dialog.ModalityType.APPLICATION_MODAL);
    UpdatePrompt.Choice[] chosen = {UpdatePrompt.Choice.LATER};
    JPanel content =
        content(
            prompt,
            choice -> {
              chosen[0] = choice;
              dialog.dispose();
            });
    dialog.setContentPane(content);
    dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    if (prompt.closeMeansLater()) {
      dialog.addWindowListener(
          new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
              dialog.dispose();
            }
          });
      content.registerKeyboardAction(
          event -> dialog.dispose(),
          KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
          JComponent.WHEN_IN_FOCUSED_WINDOW);
    }
    JButton update = Components.find(content, UPDATE);
    dialog.getRootPane().setDefaultButton(update);
    // Focus on the button, not in the notes (which would show a caret in read-only text).
    dialog.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowOpened(WindowEvent event) {
            update.requestFocusInWindow();
          }
        });
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
    return chosen[0];
  }

  /**
   * Builds the dialog's content (works headless): the headline, the notes in a read-only text area,
   * the size, the required notice when mandatory, and the buttons; {@code onChoice} receives the
   * button pressed.
   */
  static JPanel content(UpdatePrompt prompt, Consumer<UpdatePrompt.Choice> onChoice) {
    JPanel top = new JPanel();
    top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
    JLabel headline = Components.named(PlainText.label(prompt.headline()), HEADLINE);
    headline.setFont(headline.getFont().deriveFont(Font.BOLD));
    top.add(headline);
    top.add(Box.createVerticalStrut(8));

    JScrollPane notes =
        new JScrollPane(Components.named(PlainText.area(prompt.notes(), 10, 48), NOTES));
    notes.setBorder(BorderFactory.createTitledBorder("What's new"));

    JPanel bottom = new JPanel();
    bottom.setLayout(new BoxLayout(bottom, BoxLayout.Y_AXIS));
    bottom.add(Components.named(PlainText.label(prompt.sizeText()), SIZE));
    if (!prompt.requiredNotice().isEmpty()) {
      bottom.add(Components.named(PlainText.label(prompt.requiredNotice()), REQUIRED));
    }

    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    if (prompt.showsLater()) {
      JButton later = Components.named(PlainText.button(prompt.laterCaption()), LATER);
      later.addActionListener(event -> onChoice.accept(UpdatePrompt.Choice.LATER));
      buttons.add(later);
    }
    JButton update = Components.named(PlainText.button(prompt.updateCaption()), UPDATE);
    update.addActionListener(event -> onChoice.accept(UpdatePrompt.Choice.UPDATE));
    buttons.add(update);
    bottom.add(buttons);

    JPanel content = new JPanel(new BorderLayout(0, 8));
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 8, 12));
    content.add(top, BorderLayout.NORTH);
    content.add(notes, BorderLayout.CENTER);
    content.add(bottom, BorderLayout.SOUTH);
    return content;
  }
}
