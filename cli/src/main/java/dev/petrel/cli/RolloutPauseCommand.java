package dev.petrel.cli;

import picocli.CommandLine.Command;

/** {@code petrel rollout pause}. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pauses a release's rollout (publisher): no device is offered it, the ramp waits.")
final class RolloutPauseCommand extends RolloutActionCommand {
  RolloutPauseCommand() {
    super("pause");
  }
}
