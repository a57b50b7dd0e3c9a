package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.RecallStatementBuilder;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedRecall;
import dev.petrel.protocol.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel releases recall}: recalls a release, signing the recall statement locally when
 * given a key so that desktop devices on it may go back to an older release.
 */
@Command(
    name = "recall",
    mixinStandardHelpOptions = true,
    description = {
      "Recalls a release (publisher): devices are no longer offered it, and devices that run it"
          + " are told so on their next check.",
      "With --key the recall statement is signed here (the key never leaves this machine) and"
          + " names a target: by default the server's newest good lower release (active,"
          + " published, signed, rolled out to everyone, neither paused, halted nor recalled) on"
          + " platforms that allow downgrades. Desktop devices on the recalled release are then"
          + " offered that target. Android and iOS never downgrade: publish a fix forward."
          + " Without --key the recall only informs."
    })
final class ReleasesRecallCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why (1-500 characters); devices show it.")
  String reason;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Private release key (PREFIX.key) to sign the recall with.")
  Path keyFile;

  @ArgGroup(exclusive = true)
  TargetChoice target = new TargetChoice();

  /** Either a target version or none; neither means "the newest good one". */
  static final class TargetChoice {
    @Option(
        names = "--target",
        paramLabel = "VERSION",
        description = "The version devices go back to (needs --key).")
    String version;

    @Option(names = "--no-downgrade", description = "Name no target: devices wait for a fix.")
    boolean none;
  }

  @Override
  public Integer call() {
    UsageErrors usage = new UsageErrors(spec);
    usage.parse(() -> RecallStatement.checkReason(reason));
    if (keyFile == null && target.version != null) {
      throw usage.error("--target needs --key: only a signed recall can offer a downgrade");
    }
    Version wanted =
        target.version == null
            ? null
            : usage.parse(() -> Version.parse("--target", target.version).core());
    PetrelApi api = server.api();
    ObjectNode body = PetrelApi.object();
    if (keyFile == null) {
      body.put("reason", reason);
    } else {
      ReleaseKeyPair key = usage.privateKey(keyFile);
      JsonNode recalled = api.get(release.path()).path("release");
      JsonNode chosen = chooseTarget(api, recalled, wanted);
      SignedRecall signed = key.signer().sign(statement(recalled, chosen));
      body.put(
          "statement", Base64.getEncoder().encodeToString(signed.statement().canonicalBytes()));
      body.put("signature", signed.signature());
    }
    JsonNode answer = api.post(release.path() + "/recall", body);
    report(answer);
    return 0;
  }

  /**
   * The release the signed recall names: none with {@code --no-downgrade}; the server's default
   * (the newest good downgrade target) without {@code --target}; else the release with version
   * {@code wanted}, which the server checks to be a good target when the recall is posted.
   */
  private JsonNode chooseTarget(PetrelApi api, JsonNode recalled, Version wanted) {
    if (target.none) {
      return null;
    }
    if (wanted == null) {
      JsonNode chosen = api.get(release.path() + "/downgrade-target").path("target");
      return chosen.isObject() ? chosen : null;
    }
    JsonNode chosen = RecallTargets.withVersion(api, release.app.path(), recalled, wanted);
    if (chosen == null) {
      throw new CommandFailedException(
          "--target "
              + wanted
              + ": "
              + release.app.id()
              + " has no "
              + recalled.path("platform").asText()
              + " release with that version");
    }
    return chosen;
  }

  private RecallStatement statement(JsonNode recalled, JsonNode chosen) {
    RecallStatementBuilder builder =
        RecallStatement.builder()
            .app(new AppId(recalled.path("app").asText()))
            .platform(new Platform(recalled.path("platform").asText()))
            .recalled(
                Version.parse("version", recalled.path("version").asText()),
                recalled.path("version_code").asLong())
            .reason(reason)
            .issuedAt(Instant.now());
    if (chosen != null) {
      builder.target(
          Version.parse("version", chosen.path("version").asText()),
          chosen.path("version_code").asLong());
    }
    return builder.build();
  }

  private void report(JsonNode answer) {
    PrintWriter out = spec.commandLine().getOut();
    ReleaseIdOptions.printState(out, "recalled", answer.path("release"));
    JsonNode recall = answer.path("recall");
    if (recall.path("signed").asBoolean()) {
      out.println(
          "signed with key "
              + recall.path("signing_key_id").asText()
              + (recall.path("target_version").isTextual()
                  ? "; target "
                      + recall.path("target_version").asText()
                      + " ("
                      + recall.path("target_version_code").asText()
                      + ")"
                  : "; no target")
              + (recall.path("downgrade_allowed").asBoolean()
                  ? ": devices on it are offered the target"
                  : ""));
    } else {
      out.println("unsigned: devices are told, no downgrade is offered");
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (JsonNode warning : answer.path("warnings")) {
      err.println("warning: " + warning.asText());
    }
    err.flush();
  }
}
