package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;

class HistoryTableModelTest {
  private static final HistoryRow INSTALL =
      new HistoryRow(
          Instant.parse("2026-11-23T18:00:00Z"), "install", "1.0.0", "1.0.1", "succeeded", null);
  private static final HistoryRow ROLLBACK =
      new HistoryRow(
          Instant.parse("2026-11-23T19:30:00Z"),
          "rollback",
          "1.0.1",
          "1.0.0",
          "succeeded",
          "<html><i>crashes</i>");

  private final HistoryTableModel model =
      new HistoryTableModel(List.of(INSTALL, ROLLBACK), ZoneOffset.UTC);

  @Test
  void showsNewestFirstWithReadableCells() {
    assertThat(model.getRowCount()).isEqualTo(2);
    assertThat(model.getColumnName(0)).isEqualTo("When");
    assertThat(model.getValueAt(0, 0)).isEqualTo("2026-11-23 19:30");
    assertThat(model.getValueAt(0, 1)).isEqualTo("rollback");
    assertThat(model.getValueAt(1, 2)).isEqualTo("1.0.0");
    assertThat(model.getValueAt(1, 3)).isEqualTo("1.0.1");
    assertThat(model.getValueAt(1, 4)).isEqualTo("succeeded");
    assertThat(model.getValueAt(1, 5)).isEmpty();
  }

  @Test
  void missingVersionsShowADash() {
    HistoryTableModel unknown =
        new HistoryTableModel(
            List.of(new HistoryRow(Instant.EPOCH, "revert", null, "1.0.0", "failed", "x")),
            ZoneOffset.UTC);

    assertThat(unknown.getValueAt(0, 2)).isEqualTo("\u2014");
  }

  @Test
  void cellsAreRenderedWithoutHtml() {
    JPanel content = HistoryDialog.content(model, () -> {});
    JTable table = Components.find(content, HistoryDialog.TABLE);

    Component cell =
        table
            .getCellRenderer(0, 5)
            .getTableCellRendererComponent(table, table.getValueAt(0, 5), false, false, 0, 5);

    assertThat(((JLabel) cell).getText()).isEqualTo("<html><i>crashes</i>");
    assertThat(((JLabel) cell).getClientProperty(BasicHTML.propertyKey)).isNull();
  }

  @Test
  void emptyHistorySaysNothingWasInstalledYet() {
    JPanel content =
        HistoryDialog.content(new HistoryTableModel(List.of(), ZoneOffset.UTC), () -> {});

    assertThat((JTable) Components.find(content, HistoryDialog.TABLE)).isNull();
    assertThat(((JLabel) Components.find(content, HistoryDialog.EMPTY)).getText())
        .isEqualTo("No updates have been installed yet.");
  }
}
