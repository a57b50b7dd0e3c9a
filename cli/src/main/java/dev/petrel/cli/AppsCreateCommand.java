package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.AppId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel apps create}: a new app on the server (admin). */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Creates an app (admin).")
final class AppsCreateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "APP",
      converter = AppIdConverter.class,
      description = "The app id: 1-63 characters a-z, 0-9 and '-'.")
  AppId id;

  @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
  String name;

  @Override
  public Integer call() {
    ObjectNode body = PetrelApi.object().put("id", id.name());
    if (name != null) {
      body.put("name", name);
    }
    JsonNode app = server.api().post("/api/v1/apps", body).path("app");
    PrintWriter out = spec.commandLine().getOut();
    out.println("created app " + app.path("id").asText() + " (" + app.path("name").asText() + ")");
    out.flush();
    return 0;
  }
}
