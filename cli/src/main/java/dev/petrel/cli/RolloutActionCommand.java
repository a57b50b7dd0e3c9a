package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A {@code petrel rollout} subcommand that posts one action with an optional reason, {@code
 * .../rollout/<action>}, and prints the rollout the server answers.
 */
abstract class RolloutActionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
  String reason;

  private final String action;

  /**
   * @param action the last segment of the endpoint, e.g. {@code pause}
   */
  RolloutActionCommand(String action) {
    this.action = action;
  }

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object();
    RolloutStatusCommand.reason(body, reason);
    RolloutStatusCommand.printSummary(
        spec.commandLine().getOut(),
        server.api().post(release.path() + "/rollout/" + action, body).path("rollout"));
    return 0;
  }
}
