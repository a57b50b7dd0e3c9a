package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel feed}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = "The signed static feed: a fallback any static host can serve.",
    subcommands = {FeedExportCommand.class, FeedVerifyCommand.class})
final class FeedCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
