package dev.petrel.cli;

import dev.petrel.client.HistoryEntry;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel update history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Lists installs, rollbacks and automatic reverts, oldest first.")
final class UpdateHistoryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AppDirOptions app;

  @Override
  public Integer call() {
    try (Updater updater = app.open()) {
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
      table.print(spec.commandLine().getOut());
      return 0;
    } catch (UpdateException e) {
      throw AppDirOptions.failed(e);
    }
  }
}
