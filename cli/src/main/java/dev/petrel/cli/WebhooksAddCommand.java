package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel webhooks add}: adds a webhook and prints its secret, shown only this once. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Adds a webhook (admin) and prints its signing secret, which is shown only this once.",
      "Alert types: rollout.halted, rollout.needs_attention, rollout.ramp_step,"
          + " release.recalled, release.live (default: all)."
    })
final class WebhooksAddCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin AppOption app;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Where to POST.")
  String url;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "json",
      description = "json (default) or slack.")
  String kind;

  @Option(names = "--event", paramLabel = "TYPE", description = "An alert type; repeat for more.")
  List<String> events;

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object();
    body.put("url", url);
    body.put("kind", kind);
    if (events != null) {
      events.forEach(body.putArray("events")::add);
    }
    JsonNode answer = server.api().post(app.path() + "/webhooks", body);
    PrintWriter out = spec.commandLine().getOut();
    out.println("added webhook " + answer.path("webhook").path("id").asText() + " for " + url);
    out.println("signing secret (shown only now): " + answer.path("secret").asText());
    out.flush();
    return 0;
  }
}
