package dev.petrel.client.swing;

import java.awt.BorderLayout;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.WindowConstants;

/**
 * The download/install progress window: a status line, a bar, the byte count, and "Cancel" while
 * downloading; "Restart now" and "Restart later" after an install; "Close" after a failure. It is
 * not modal, so the app stays usable while a download runs.
 */
final class ProgressDialog {
  static final String STATUS = "status";
  static final String DETAIL = "detail";
  static final String BAR = "bar";
  static final String CANCEL = "cancel";
  static final String RESTART = "restart";
  static final String CLOSE = "close";

  /** The content is at least this wide, so the bar does not jump as the status line changes. */
  static final int MIN_WIDTH = 440;

  private ProgressDialog() {}

  /**
   * Opens the window over {@code owner}, bound to {@code model}; {@code onRestart} runs when the
   * user chooses "Restart now". Must be called on the event dispatch thread.
   */
  static JDialog open(Window owner, ProgressModel model, Runnable onRestart) {
    JDialog dialog = new JDialog(owner, model.title(), Dialog.ModalityType.MODELESS);
    dialog.setContentPane(content(model, onRestart, dialog::dispose));
    dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    dialog.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent event) {
            // Closing the window while downloading cancels; during the install it is refused.
            if (model.phase().finished()) {
              dialog.dispose();
            } else {
              model.requestCancel();
            }
          }
        });
    dialog.pack();
    // Grow, never shrink, when a longer status or other buttons need more room.
    model.observe(
        () -> {
          Dimension wanted = dialog.getContentPane().getPreferredSize();
          Dimension has = dialog.getContentPane().getSize();
          if (wanted.width > has.width || wanted.height > has.height) {
            dialog.pack();
          }
        });
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
    return dialog;
  }

  /** Builds the window's content bound to {@code model} (works headless). */
  static JPanel content(ProgressModel model, Runnable onRestart, Runnable onClose) {
    JLabel status = Components.named(PlainText.label(""), STATUS);
    JProgressBar bar = Components.named(new JProgressBar(0, 100), BAR);
    JLabel detail = Components.named(PlainText.label(""), DETAIL);
    JButton cancel = Components.named(PlainText.button("Cancel"), CANCEL);
    JButton restart = Components.named(PlainText.button("Restart now"), RESTART);
    JButton close = Components.named(PlainText.button("Close"), CLOSE);
    cancel.addActionListener(event -> model.requestCancel());
    restart.addActionListener(
        event -> {
          onClose.run();
          onRestart.run();
        });
    close.addActionListener(event -> onClose.run());

    JPanel lines = new JPanel();
    lines.setLayout(new BoxLayout(lines, BoxLayout.Y_AXIS));
    lines.add(status);
    lines.add(bar);
    lines.add(detail);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    buttons.add(cancel);
    buttons.add(close);
    buttons.add(restart);
    JPanel content =
        new JPanel(new BorderLayout(0, 8)) {
          @Override
          public Dimension getPreferredSize() {
            Dimension size = super.getPreferredSize();
            return new Dimension(Math.max(size.width, MIN_WIDTH), size.height);
          }
        };
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 8, 12));
    content.add(lines, BorderLayout.CENTER);
    content.add(buttons, BorderLayout.SOUTH);

    Runnable render =
        () -> {
          status.setText(model.status());
          detail.setText(model.detail());
          int percent = model.percent();
          bar.setIndeterminate(percent < 0);
          bar.setValue(Math.max(percent, 0));
          cancel.setVisible(model.cancelVisible());
          cancel.setEnabled(model.cancelEnabled());
          restart.setVisible(model.restartVisible());
          close.setVisible(model.closeVisible());
          close.setText(model.closeCaption());
        };
    model.observe(render);
    render.run();
    return content;
  }
}
