package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel deltas list}: a release's patches as a table, with what each saves. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the patches to a release (viewer): from which version code, state (pending, running,"
          + " ready, failed, discarded), format, sizes, the share of the download each saves,"
          + " and why one failed or was discarded.",
      "Only ready patches are offered to devices."
    })
final class DeltasListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin DeltaReleaseOptions release;

  @Override
  public Integer call() {
    Table table =
        new Table(
            "ID",
            "FROM",
            "FROM CODE",
            "SOURCE",
            "STATE",
            "FORMAT",
            "PATCH",
            "FULL",
            "SAVING",
            "REASON");
    JsonNode deltas = server.api().get(release.path()).path("deltas");
    for (JsonNode delta : deltas) {
      table.row(
          delta.path("id").asText(),
          delta.path("from_release_id").asText(),
          delta.path("from_version_code").asText(),
          delta.path("source").asText(),
          delta.path("state").asText(),
          delta.path("format").asText(null),
          DeltaText.size(delta.get("patch_size")),
          DeltaText.size(delta.get("full_size")),
          delta.path("saving").isNull() ? null : DeltaText.percent(delta.path("saving").asDouble()),
          delta.path("reason").asText(null));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (deltas.isEmpty()) {
      out.println(
          "release "
              + release.release
              + " has no patches; make one with 'petrel deltas generate --release "
              + release.release
              + " --from ID'");
      out.flush();
      return 0;
    }
    table.print(out);
    return 0;
  }
}
