package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel rollout set}: the share of devices offered a release. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description =
        "Sets the share of devices offered a release (publisher). Raising it only adds devices.")
final class RolloutSetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(
      names = "--share",
      required = true,
      paramLabel = "SHARE",
      converter = RolloutShare.Converter.class,
      description = "The share: a percentage (10%%, 0.5%%) or basis points (1000bp).")
  int share;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
  String reason;

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object().put("basis_points", share);
    RolloutStatusCommand.reason(body, reason);
    RolloutStatusCommand.printSummary(
        spec.commandLine().getOut(),
        server.api().post(release.path() + "/rollout", body).path("rollout"));
    return 0;
  }
}
