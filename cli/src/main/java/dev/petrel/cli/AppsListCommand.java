package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel apps list}: the server's apps as a table. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the apps (viewer).")
final class AppsListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Override
  public Integer call() {
    Table table = new Table("ID", "NAME", "SIGNATURES", "CREATED");
    for (JsonNode app : server.api().get("/api/v1/apps").path("apps")) {
      table.row(
          app.path("id").asText(),
          app.path("name").asText(null),
          app.path("require_signatures").asBoolean() ? "required" : "optional",
          app.path("created_at").asText(null));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
