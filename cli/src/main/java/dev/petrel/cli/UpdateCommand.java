package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel update}: the desktop updater, headless; run alone, it is bad usage (exit 2). */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description =
        "Updates a desktop app directory from its updater_config.json: check, download, install,"
            + " rollback, history.",
    subcommands = {
      UpdateCheckCommand.class,
      UpdateDownloadCommand.class,
      UpdateInstallCommand.class,
      UpdateRollbackCommand.class,
      UpdateHistoryCommand.class
    })
final class UpdateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
