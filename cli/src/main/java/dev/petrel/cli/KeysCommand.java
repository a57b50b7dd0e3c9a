package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel keys}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Release keys: generate a signing key pair, show a key's public half.",
    subcommands = {KeysGenerateCommand.class, KeysShowCommand.class})
final class KeysCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
