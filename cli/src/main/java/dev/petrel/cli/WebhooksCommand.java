package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel webhooks}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = "An app's webhooks for rollout alerts (admin; the delivery log: viewer).",
    subcommands = {
      WebhooksAddCommand.class,
      WebhooksListCommand.class,
      WebhooksRemoveCommand.class,
      WebhooksTestCommand.class,
      WebhooksDeliveriesCommand.class
    })
final class WebhooksCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
