package dev.petrel.client.swing;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;

/** The "Update History" window: a read-only table of installs, rollbacks and reverts. */
final class HistoryDialog {
  static final String TABLE = "history";
  static final String EMPTY = "empty";

  private HistoryDialog() {}

  /**
   * Shows the history modelessly over {@code owner}. Must be called on the event dispatch thread.
   */
  static JDialog open(Window owner, String appName, HistoryTableModel model) {
    String title =
        "Update history" + (appName.isBlank() ? "" : " \u2014 " + PlainText.line(appName));
    JDialog dialog = new JDialog(owner, title, Dialog.ModalityType.MODELESS);
    dialog.setContentPane(content(model, dialog::dispose));
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
    return dialog;
  }

  /** Builds the content (works headless). */
  static JPanel content(HistoryTableModel model, Runnable onClose) {
    JPanel content = new JPanel(new BorderLayout(0, 8));
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 8, 12));
    if (model.getRowCount() == 0) {
      content.add(
          Components.named(PlainText.label(HistoryTableModel.emptyText()), EMPTY),
          BorderLayout.CENTER);
    } else {
      JTable table = Components.named(new JTable(model), TABLE);
      table.setDefaultRenderer(String.class, new PlainCellRenderer());
      table.setAutoCreateRowSorter(true);
      table.setFillsViewportHeight(true);
      JScrollPane scroll = new JScrollPane(table);
      scroll.setPreferredSize(new java.awt.Dimension(720, 260));
      content.add(scroll, BorderLayout.CENTER);
    }
    JButton close = PlainText.button("Close");
    close.addActionListener(event -> onClose.run());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    buttons.add(close);
    content.add(buttons, BorderLayout.SOUTH);
    return content;
  }

  /** A cell renderer that never interprets its text as HTML. */
  static final class PlainCellRenderer extends DefaultTableCellRenderer {
    PlainCellRenderer() {
      PlainText.noHtml(this);
    }

    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean selected, boolean focused, int row, int column) {
      super.getTableCellRendererComponent(table, value, selected, focused, row, column);
      setToolTipText(null);
      return this;
    }
  }
}
