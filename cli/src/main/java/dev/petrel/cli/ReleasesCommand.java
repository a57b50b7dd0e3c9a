package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel releases}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "releases",
    mixinStandardHelpOptions = true,
    description = "An app's releases: list, show, deactivate (roll back), activate and recall.",
    subcommands = {
      ReleasesListCommand.class,
      ReleasesShowCommand.class,
      ReleasesDeactivateCommand.class,
      ReleasesActivateCommand.class,
      ReleasesRecallCommand.class
    })
final class ReleasesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
