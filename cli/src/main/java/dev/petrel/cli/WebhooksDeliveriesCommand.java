package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel webhooks deliveries}: a webhook's delivery log, newest first. */
@Command(
    name = "deliveries",
    mixinStandardHelpOptions = true,
    description = "A webhook's delivery log, newest first (viewer).")
final class WebhooksDeliveriesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin AppOption app;
  @Mixin WebhookIdOption webhook;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "How many, 1 to 200 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    String path = app.path() + "/webhooks/" + webhook.id + "/deliveries?limit=" + limit;
    Table table = new Table("ID", "QUEUED", "ALERT", "STATE", "ATTEMPTS", "LAST ANSWER");
    for (JsonNode d : server.api().get(path).path("deliveries")) {
      String answer =
          d.path("last_error").isTextual()
              ? d.path("last_error").asText()
              : d.path("last_status").isNumber() ? "HTTP " + d.path("last_status").asInt() : "";
      table.row(
          d.path("id").asText(),
          d.path("created_at").asText(),
          d.path("type").asText(),
          d.path("state").asText(),
          d.path("attempts").asText(),
          answer);
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
