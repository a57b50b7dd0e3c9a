package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.AppId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel deltas generate}: asks the server to make a patch ({@code --release --from}), or
 * makes one on this machine ({@code --local OLD NEW -o PATCH}) for {@code petrel deltas upload}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a patch from an earlier release to a release.",
      "With --app, --release and --from: the server queues it (publisher) and its worker makes and"
          + " proves it; watch it with 'petrel deltas list'.",
      "With --local OLD NEW -o PATCH: makes it on this machine (in CI; no server needed), proves"
          + " that it rebuilds NEW byte for byte, and prints its format, size and saving. Upload"
          + " it with 'petrel deltas upload'. Memory: about 7 × OLD + 2 × NEW, counting zip"
          + " entries inflated."
    },
    sortOptions = false)
final class DeltasGenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Option(
      names = "--app",
      paramLabel = "APP",
      converter = AppIdConverter.class,
      description = "The app (its id, e.g. default); with --release and --from.")
  AppId app;

  @Option(
      names = "--release",
      paramLabel = "ID",
      description = "The release the patch makes; with --from.")
  Long release;

  @Option(
      names = "--from",
      paramLabel = "ID",
      description = "The earlier release (same platform) the patch applies to.")
  Long from;

  @Option(
      names = "--local",
      arity = "2",
      paramLabel = "FILE",
      description = "OLD NEW: make the patch from file OLD to file NEW on this machine.")
  List<Path> local;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATCH",
      description = "With --local: where to write the patch (replaced if it exists).")
  Path output;

  @Override
  public Integer call() {
    UsageErrors usage = new UsageErrors(spec);
    if (local != null) {
      if (app != null || release != null || from != null) {
        throw usage.error(
            "--local makes a patch on this machine: leave out --app, --release, --from");
      }
      if (output == null) {
        throw usage.error("--local needs -o PATCH: where to write the patch");
      }
      LocalPatch.make(local.get(0), local.get(1), output, usage, spec.commandLine().getOut());
      return 0;
    }
    if (output != null) {
      throw usage.error("-o goes with --local OLD NEW; the server keeps the patches it makes");
    }
    if (app == null || release == null || from == null) {
      throw usage.error(
          "expected --app APP --release ID --from ID (the server makes the patch)"
              + " or --local OLD NEW -o PATCH (this machine makes it)");
    }
    return queue();
  }

  private int queue() {
    long to = DeltaReleaseOptions.positive(spec, "--release", release);
    ObjectNode body = PetrelApi.object();
    body.put("from_release_id", DeltaReleaseOptions.positive(spec, "--from", from));
    String path = "/api/v1/apps/" + PetrelApi.segment(app.name()) + "/releases/" + to + "/deltas";
    JsonNode delta = server.api().post(path, body).path("delta");
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "queued patch "
            + delta.path("id").asText()
            + " to release "
            + to
            + " from release "
            + from
            + " (version code "
            + delta.path("from_version_code").asText()
            + "): "
            + delta.path("state").asText());
    out.println(
        "the server makes and proves it in the background; see 'petrel deltas list --app "
            + app.name()
            + " --release "
            + to
            + "'");
    out.flush();
    return 0;
  }
}
