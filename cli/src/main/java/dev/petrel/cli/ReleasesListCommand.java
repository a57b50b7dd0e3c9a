package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel releases list}: an app's releases as a table, newest version code first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists an app's releases (viewer), by platform, newest version code first.")
final class ReleasesListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Option(names = "--platform", paramLabel = "PLATFORM", description = "Only this platform.")
  String platform;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most N releases, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the first N releases (default: ${DEFAULT-VALUE}).")
  int offset;

  @Override
  public Integer call() {
    if (limit < 1 || limit > 1000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--limit: expected 1 to 1000, found " + limit);
    }
    if (offset < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--offset: expected 0 or more, found " + offset);
    }
    StringBuilder path =
        new StringBuilder(app.path() + "/releases?limit=")
            .append(limit)
            .append("&offset=")
            .append(offset);
    if (platform != null) {
      try {
        path.append("&platform=")
            .append(PetrelApi.segment(Platform.parse("--platform", platform).name()));
      } catch (InvalidValueException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Table table =
        new Table(
            "ID",
            "PLATFORM",
            "CHANNEL",
            "VERSION",
            "CODE",
            "STATE",
            "MANDATORY",
            "SIGNED",
            "PUBLISHED");
    for (JsonNode release : server.api().get(path.toString()).path("releases")) {
      table.row(
          release.path("id").asText(),
          release.path("platform").asText(),
          release.path("channel").asText(),
          release.path("version").asText(),
          release.path("version_code").asText(),
          release.path("is_active").asBoolean() ? "active" : "inactive",
          release.path("is_mandatory").asBoolean() ? "yes" : "no",
          release.path("signing_key_id").asText(null) == null
              ? "no"
              : release.path("signing_key_id").asText(),
          release.path("published_at").asText(null));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
