package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel rollout plan}: sets a release's ramp plan from {@code --step SHARE[:DWELL]}
 * options, or removes it with {@code --clear}.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Sets a release's ramp plan (publisher): the server raises the share step by step, each"
          + " after its dwell, while the release stays healthy. --clear removes the plan.",
      "Example: --step 1%%:24h --step 10%%:24h --step 50%%:24h --step 100%%"
    })
final class RolloutPlanCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(
      names = "--step",
      paramLabel = "SHARE[:DWELL]",
      description =
          "A step: its share (10%%, 0.5%%, 1000bp) and how long to stay there before the next"
              + " (30m, 24h, 2d; default 0). Repeat, in increasing share.")
  List<String> steps;

  @Option(names = "--clear", description = "Remove the plan; the share stays where it is.")
  boolean clear;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
  String reason;

  @Override
  public Integer call() {
    boolean hasSteps = steps != null && !steps.isEmpty();
    if (clear == hasSteps) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either --step (one or more) or --clear");
    }
    ObjectNode body = PetrelApi.object();
    RolloutStatusCommand.reason(body, reason);
    String path = release.path() + "/rollout/plan";
    var answer = clear ? server.api().delete(path, body) : server.api().put(path, steps(body));
    RolloutStatusCommand.printPlan(spec.commandLine().getOut(), answer.path("rollout"));
    return 0;
  }

  private ObjectNode steps(ObjectNode body) {
    ArrayNode array = body.putArray("steps");
    for (String step : steps) {
      int colon = step.indexOf(':');
      try {
        String share = colon < 0 ? step : step.substring(0, colon);
        ObjectNode node = array.addObject().put("basis_points", RolloutShare.basisPoints(share));
        node.put(
            "min_dwell_minutes", colon < 0 ? 0 : RolloutShare.minutes(step.substring(colon + 1)));
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--step '" + step + "': " + e.getMessage());
      }
    }
    return body;
  }
}
