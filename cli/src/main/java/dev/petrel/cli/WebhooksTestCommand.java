package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel webhooks test}: queues a test alert; the delivery log shows how it went. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Queues a test alert for a webhook (admin); see 'petrel webhooks deliveries'.")
final class WebhooksTestCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin AppOption app;
  @Mixin WebhookIdOption webhook;

  @Override
  public Integer call() {
    server.api().post(app.path() + "/webhooks/" + webhook.id + "/test", PetrelApi.object());
    spec.commandLine().getOut().println("queued a test alert for webhook " + webhook.id);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
