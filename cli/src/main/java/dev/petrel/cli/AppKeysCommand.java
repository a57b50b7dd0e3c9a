package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel apps keys}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "The release public keys registered with an app.",
    subcommands = {AppKeysAddCommand.class, AppKeysListCommand.class, AppKeysRemoveCommand.class})
final class AppKeysCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
