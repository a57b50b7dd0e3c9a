package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel releases show}: every field of one release, including its signature. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows one release (viewer): state, file, and whether and by which key it is signed.")
final class ReleasesShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Override
  public Integer call() {
    JsonNode r = server.api().get(release.path()).path("release");
    PrintWriter out = spec.commandLine().getOut();
    line(out, "id", r.path("id").asText());
    line(out, "app", r.path("app").asText());
    line(out, "platform", r.path("platform").asText());
    line(out, "channel", r.path("channel").asText());
    line(out, "version", r.path("version").asText());
    line(out, "version code", r.path("version_code").asText());
    line(out, "state", r.path("is_active").asBoolean() ? "active" : "inactive");
    line(out, "mandatory", r.path("is_mandatory").asBoolean() ? "yes" : "no");
    line(out, "min supported", r.path("min_supported_version").asText(null));
    line(out, "rollout", r.path("rollout_basis_points").asInt() / 100.0 + " %");
    line(out, "download URL", r.path("download_url").asText(null));
    line(out, "hosted", r.path("hosted").asBoolean() ? "yes" : "no");
    line(out, "size", r.path("file_size").asText(null));
    line(out, "sha256", r.path("checksum").asText(null));
    line(out, "published", r.path("published_at").asText(null));
    String keyId = r.path("signing_key_id").asText(null);
    line(out, "signed", keyId == null ? "no" : "yes, key " + keyId);
    if (keyId != null) {
      line(out, "statement", r.path("statement").asText());
      line(out, "signature", r.path("signature").asText());
    }
    line(out, "notes", r.path("release_notes").asText(null));
    out.flush();
    return 0;
  }

  private static void line(PrintWriter out, String name, String value) {
    String shown = value == null || value.isEmpty() ? "-" : value;
    out.println(String.format("%-14s %s", name, shown).replace("\n", "\n" + " ".repeat(15)));
  }
}
