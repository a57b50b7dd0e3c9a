package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel apps}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "apps",
    mixinStandardHelpOptions = true,
    description = "Apps on a Petrel server: create, list, release keys, signature policy.",
    subcommands = {
      AppsCreateCommand.class,
      AppsListCommand.class,
      AppKeysCommand.class,
      RequireSignaturesCommand.class
    })
final class AppsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
