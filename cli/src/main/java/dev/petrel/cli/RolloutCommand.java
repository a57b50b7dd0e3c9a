package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel rollout}: a group of subcommands; run alone, it is bad usage (exit 2). */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description =
        "Steer who is offered a release: share, pause, resume, ramp plan, health thresholds, and"
            + " its status and history.",
    subcommands = {
      RolloutStatusCommand.class,
      RolloutSetCommand.class,
      RolloutPauseCommand.class,
      RolloutResumeCommand.class,
      RolloutPlanCommand.class,
      RolloutHealthCommand.class
    })
final class RolloutCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
