package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that name one release, {@code --app} and {@code --id}, and its path on the server.
 */
final class ReleaseIdOptions {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandSpec spec;

  @Mixin AppOption app;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "N",
      description = "The release id, as 'petrel releases list' shows it.")
  long id;

  /** {@code /api/v1/apps/{app}/releases/{id}}; a non-positive id is bad usage. */
  String path() {
    if (id < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--id: expected a positive release id, found " + id);
    }
    return app.path() + "/releases/" + id;
  }

  /** One line naming a release and whether devices are offered it. */
  static void printState(PrintWriter out, String verb, JsonNode release) {
    out.println(
        verb
            + " release "
            + release.path("id").asText()
            + " ("
            + release.path("app").asText()
            + " "
            + release.path("version").asText()
            + " for "
            + release.path("platform").asText()
            + " on "
            + release.path("channel").asText()
            + "): "
            + (release.path("is_active").asBoolean() ? "active" : "inactive"));
    out.flush();
  }
}
