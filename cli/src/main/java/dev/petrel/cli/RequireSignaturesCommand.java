package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code petrel apps require-signatures}: whether the app refuses unsigned releases (admin). */
@Command(
    name = "require-signatures",
    mixinStandardHelpOptions = true,
    description = {
      "Turns the app's signature requirement on or off (admin).",
      "When on, the server refuses releases without a valid signature by one of the app's keys;"
          + " it needs at least one registered key."
    })
final class RequireSignaturesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Parameters(index = "0", paramLabel = "on|off", description = "on or off.")
  String setting;

  @Override
  public Integer call() {
    boolean require =
        switch (setting) {
          case "on" -> true;
          case "off" -> false;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "expected on or off, found '" + setting + "'");
        };
    JsonNode body = PetrelApi.object().put("require_signatures", require);
    JsonNode answer = server.api().patch(app.path(), body).path("app");
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        answer.path("id").asText()
            + ": signatures "
            + (answer.path("require_signatures").asBoolean() ? "required" : "optional"));
    out.flush();
    return 0;
  }
}
