package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel rollout resume}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resumes a paused or halted rollout (publisher) and clears needs-attention; the dwell restarts.")
final class RolloutResumeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
  String reason;

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object();
    RolloutStatusCommand.reason(body, reason);
    RolloutStatusCommand.printSummary(
        spec.commandLine().getOut(),
        server.api().post(release.path() + "/rollout/resume", body).path("rollout"));
    return 0;
  }
}
