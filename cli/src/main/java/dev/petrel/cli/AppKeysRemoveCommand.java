package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel apps keys remove}: retires a release key (admin, audited; cannot be undone). */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = {
      "Removes a release key from an app (admin; audited).",
      "Releases it signed stay signed, but it cannot sign new ones nor be added again."
    })
final class AppKeysRemoveCommand implements Callable<Integer> {
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Option(
      names = "--key-id",
      required = true,
      paramLabel = "ID",
      description = "The key id (16 hex characters), as 'petrel apps keys list' shows it.")
  String keyId;

  @Override
  public Integer call() {
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--key-id: expected 16 lowercase hexadecimal characters, found '" + keyId + "'");
    }
    String path = app.path() + "/keys/" + keyId + "/remove";
    JsonNode key = server.api().post(path, PetrelApi.object()).path("key");
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "removed key "
            + key.path("key_id").asText()
            + " from "
            + app.id()
            + " at "
            + key.path("removed_at").asText());
    out.flush();
    return 0;
  }
}
