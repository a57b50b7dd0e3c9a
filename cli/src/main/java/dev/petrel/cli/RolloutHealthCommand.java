package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel rollout health}: the thresholds at which the server halts a release. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Sets when the server halts a release by itself (publisher): above --max-failures failed"
          + " installs with at least --min-attempts attempts over --window; --auto-recall also"
          + " recalls it. Options left out take the defaults (5%%, 20, 24h, no recall)."
    })
final class RolloutHealthCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(
      names = "--max-failures",
      paramLabel = "SHARE",
      converter = RolloutShare.Converter.class,
      description = "Failure share that halts the release (default 5%%).")
  Integer maxFailures;

  @Option(
      names = "--min-attempts",
      paramLabel = "N",
      description = "Fewest install attempts in the window before it can halt (default 20).")
  Integer minAttempts;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "The sliding window, e.g. 12h or 1d (default 24h).")
  String window;

  @Option(names = "--auto-recall", description = "Also recall the release when it halts.")
  boolean autoRecall;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
  String reason;

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object();
    if (maxFailures != null) {
      body.put("max_failure_basis_points", maxFailures);
    }
    if (minAttempts != null) {
      body.put("min_attempts", minAttempts);
    }
    if (window != null) {
      try {
        body.put("window_minutes", RolloutShare.minutes(window));
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--window '" + window + "': " + e.getMessage());
      }
    }
    body.put("auto_recall", autoRecall);
    RolloutStatusCommand.reason(body, reason);
    JsonNode rollout =
        server.api().put(release.path() + "/rollout/health-policy", body).path("rollout");
    PrintWriter out = spec.commandLine().getOut();
    RolloutStatusCommand.printSummary(out, rollout);
    RolloutStatusCommand.printHealth(out, rollout);
    return 0;
  }
}
