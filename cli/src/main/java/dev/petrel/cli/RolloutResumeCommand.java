package dev.petrel.cli;

import picocli.CommandLine.Command;

/** {@code petrel rollout resume}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resumes a paused or halted rollout (publisher) and clears needs-attention; the dwell restarts.")
final class RolloutResumeCommand extends RolloutActionCommand {
  RolloutResumeCommand() {
    super("resume");
  }
}
