package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel rollout pause}. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pauses a release's rollout (publisher): no device is offered it, the ramp waits.")
final class RolloutPauseCommand implements Callable<Integer> {
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
        server.api().post(release.path() + "/rollout/pause", body).path("rollout"));
    return 0;
  }
}
