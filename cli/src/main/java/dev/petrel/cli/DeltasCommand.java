package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel deltas}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "deltas",
    mixinStandardHelpOptions = true,
    description = {
      "A release's patches (delta updates): list them (viewer), have the server make one,"
          + " make one here (in CI) and upload it, or remove one (publisher).",
      "Devices that run the earlier release download the patch instead of the whole file."
    },
    subcommands = {
      DeltasListCommand.class,
      DeltasGenerateCommand.class,
      DeltasUploadCommand.class,
      DeltasRemoveCommand.class
    })
final class DeltasCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
