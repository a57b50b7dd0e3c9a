package dev.petrel.cli;

import dev.petrel.client.HistoryEntry;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code petrel update history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Lists installs, rollbacks and automatic reverts, oldest first.")
final class UpdateHistoryCommand extends UpdaterCommand {
  @Override
  void run(Updater updater, PrintWriter out) throws UpdateException {
    Table table = new Table("AT", "KIND", "FROM", "TO", "OUTCOME", "REASON");
    for (HistoryEntry entry : updater.history()) {
      table.row(
          entry.at().toString(),
          entry.kind(),
          entry.fromVersion(),
          entry.toVersion(),
          entry.outcome(),
          entry.reason());
    }
    table.print(out);
  }
}
