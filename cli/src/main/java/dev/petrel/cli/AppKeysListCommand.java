package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel apps keys list}: an app's release keys as a table. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists an app's active release keys (viewer); --all adds removed ones.")
final class AppKeysListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Option(names = "--all", description = "Include removed keys.")
  boolean all;

  @Override
  public Integer call() {
    String path = app.path() + "/keys" + (all ? "?all=true" : "");
    Table table = new Table("KEY ID", "LABEL", "ADDED", "REMOVED");
    for (JsonNode key : server.api().get(path).path("keys")) {
      table.row(
          key.path("key_id").asText(),
          key.path("label").asText(null),
          key.path("added_at").asText(null),
          key.path("removed_at").asText(null));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
