package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code petrel deltas upload}: sends a patch made in CI; the server proves it, then offers it. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads a patch made with 'petrel deltas generate --local' (publisher). The server applies"
          + " it to the earlier release's artifact and offers it only when the result is the"
          + " release's artifact byte for byte and it saves at least 20 %% of the download.",
      "It replaces any patch the release had from that earlier release."
    })
final class DeltasUploadCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin DeltaReleaseOptions release;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ID",
      description = "The earlier release (same platform) the patch applies to.")
  long from;

  @Parameters(index = "0", paramLabel = "PATCH", description = "The patch file.")
  Path patch;

  @Override
  public Integer call() throws FileNotFoundException {
    UsageErrors usage = new UsageErrors(spec);
    long fromId = DeltaReleaseOptions.positive(spec, "--from", from);
    String path = release.path() + "/from/" + fromId;
    if (!Files.isRegularFile(patch) || !Files.isReadable(patch)) {
      throw usage.error(
          "PATCH " + patch + ": " + (Files.exists(patch) ? "not a readable file" : "no such file"));
    }
    JsonNode delta =
        server.api().putBytes(path, HttpRequest.BodyPublishers.ofFile(patch)).path("delta");
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "uploaded patch "
            + delta.path("id").asText()
            + " to release "
            + release.release
            + " from release "
            + fromId
            + " (version code "
            + delta.path("from_version_code").asText()
            + "): "
            + DeltaText.summary(delta));
    out.println(
        "proven by the server; devices on version code "
            + delta.path("from_version_code").asText()
            + " are offered it");
    out.flush();
    return 0;
  }
}
