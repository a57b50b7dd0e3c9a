package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel webhooks remove}: removes a webhook; its waiting deliveries are dropped. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = "Removes a webhook (admin); deliveries still waiting are dropped.")
final class WebhooksRemoveCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin AppOption app;
  @Mixin WebhookIdOption webhook;

  @Override
  public Integer call() {
    server.api().delete(app.path() + "/webhooks/" + webhook.id, PetrelApi.object());
    spec.commandLine().getOut().println("removed webhook " + webhook.id);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
