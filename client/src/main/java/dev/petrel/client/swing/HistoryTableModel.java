package dev.petrel.client.swing;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * The update history as a read-only table, newest first: when, what, from, to, outcome, reason.
 * Every cell is a plain string (cleaned by {@link PlainText}); the view renders them with HTML off.
 */
final class HistoryTableModel extends AbstractTableModel {
  private static final String[] COLUMNS = {"When", "What", "From", "To", "Outcome", "Reason"};

  private final List<HistoryRow> rows;
  private final ZoneId zone;

  HistoryTableModel(List<HistoryRow> rows, ZoneId zone) {
    this.rows =
        rows.stream()
            .sorted(
                Comparator.comparing(
                        HistoryRow::at,
                        Comparator.nullsLast(Comparator.<java.time.Instant>naturalOrder()))
                    .reversed())
            .toList();
    this.zone = zone;
  }

  /** The text shown when there is no history yet. */
  static String emptyText() {
    return "No updates have been installed yet.";
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return COLUMNS.length;
  }

  @Override
  public String getColumnName(int column) {
    return COLUMNS[column];
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return String.class;
  }

  @Override
  public String getValueAt(int row, int column) {
    HistoryRow entry = rows.get(row);
    return switch (column) {
      case 0 -> Formats.when(entry.at(), zone);
      case 1 -> PlainText.line(entry.kind());
      case 2 -> orDash(entry.fromVersion());
      case 3 -> orDash(entry.toVersion());
      case 4 -> PlainText.line(entry.outcome());
      case 5 -> PlainText.line(entry.reason());
      default -> throw new IndexOutOfBoundsException("column " + column + " of " + COLUMNS.length);
    };
  }

  private static String orDash(String text) {
    String line = PlainText.line(text);
    return line.isEmpty() ? "\u2014" : line;
  }
}
