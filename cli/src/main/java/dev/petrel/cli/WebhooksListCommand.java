package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel webhooks list}: an app's webhooks as a table (never their secrets). */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists an app's webhooks (admin).")
final class WebhooksListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin AppOption app;

  @Override
  public Integer call() {
    Table table = new Table("ID", "URL", "KIND", "ON", "ALERTS");
    for (JsonNode hook : server.api().get(app.path() + "/webhooks").path("webhooks")) {
      List<String> events = new ArrayList<>();
      hook.path("events").forEach(e -> events.add(e.asText()));
      table.row(
          hook.path("id").asText(),
          hook.path("url").asText(),
          hook.path("kind").asText(),
          hook.path("enabled").asBoolean() ? "yes" : "no",
          String.join(",", events));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
