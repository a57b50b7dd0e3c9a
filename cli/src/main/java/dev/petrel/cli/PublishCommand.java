package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel publish}: hashes a file, signs its release statement locally, uploads it streaming
 * and publishes the release. Everything that can be checked without the server is checked before
 * the first request; the upload alone creates no release, and the publish is one transaction on the
 * server, so a run that fails halfway leaves no visible release.
 */
@Command(
    name = "publish",
    description = {
      "Publishes a release (publisher): hashes FILE, signs its release statement with --key,"
          + " uploads the file and publishes it.",
      "The private key never leaves this machine. --dry-run shows what would be published and"
          + " stops before the upload."
    })
final class PublishCommand implements Callable<Integer> {
  private static final int MAX_NOTES = 20_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Not mixinStandardHelpOptions: its -V/--version would clash with the release's --version, and
  // picocli then leaves out --help as well.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Mixin ServerOptions server;

  @Mixin AppOption app;
  @Mixin StagedPublishOptions staged;
  @Mixin GitHubOptions github;

  @Option(
      names = "--platform",
      required = true,
      paramLabel = "PLATFORM",
      description = "The platform the file is for, e.g. android, windows.")
  String platform;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      defaultValue = "stable",
      description =
          "The channel: stable, beta, alpha or one of the app's own (default: ${DEFAULT-VALUE}).")
  String channel;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "The file to host (an APK is checked, an IPA gets an itms-services link).")
  Path file;

  @Option(
      names = "--app-store-url",
      paramLabel = "URL",
      description =
          "Publish an app store release instead of a file: devices are sent to this https store"
              + " page (e.g. https://apps.apple.com/app/id…). Nothing is uploaded or signed.")
  String appStoreUrl;

  @Option(
      names = "--signing-certificate-rotation",
      description =
          "The APK is signed with a new certificate on purpose (a key rotation): let the server"
              + " accept it, and audit the change. Without it such an APK is refused.")
  boolean signingCertificateRotation;

  @ArgGroup(exclusive = true, multiplicity = "1")
  VersionChoice versionChoice;

  static final class VersionChoice {
    @Option(names = "--version", paramLabel = "X.Y.Z", description = "The release's version.")
    String version;

    @Option(
        names = "--bump",
        paramLabel = "PART",
        description =
            "patch, minor or major: the next version after the newest release of the app on"
                + " this platform.")
    String bump;
  }

  @Option(
      names = "--version-code",
      paramLabel = "N",
      description = "Version code (default: the newest release's code + 1, or 1 for the first).")
  Long versionCode;

  @ArgGroup(exclusive = true)
  NotesChoice notesChoice;

  static final class NotesChoice {
    @Option(names = "--notes", paramLabel = "TEXT", description = "Release notes.")
    String text;

    @Option(names = "--notes-file", paramLabel = "FILE", description = "Release notes from a file.")
    Path file;
  }

  @Option(names = "--mandatory", description = "Devices must install this release.")
  boolean mandatory;

  @Option(
      names = "--min-supported",
      paramLabel = "VERSION",
      description = "Devices below this version must update.")
  String minSupported;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Private release key (PREFIX.key from 'petrel keys generate') to sign with.")
  Path keyFile;

  @Option(
      names = "--dry-run",
      description = "Show what would be published, and the statement, without uploading.")
  boolean dryRun;

  @Override
  public Integer call() {
    UsageErrors usage = new UsageErrors(spec);
    Platform platformName = usage.parse(() -> Platform.parse("--platform", platform));
    Channel channelName = usage.parse(() -> Channel.parse("--channel", channel));
    ReleaseNumbering numbering =
        new ReleaseNumbering(usage, versionChoice.version, versionChoice.bump, versionCode);
    Version minimum =
        minSupported == null
            ? null
            : usage.parse(() -> Version.parse("--min-supported", minSupported).core());
    String notes = notes(usage);
    if (appStoreUrl != null) {
      return publishStoreRelease(usage, platformName, channelName, numbering, minimum, notes);
    }
    if (file == null) {
      throw usage.error(
          "give --file PATH (a file to host) or --app-store-url URL (an app store release)");
    }
    ArtifactFile artifact = ArtifactFile.readable(file, usage);
    ReleaseKeyPair key = keyFile == null ? null : usage.privateKey(keyFile);
    GitHubReleases mirror = gitHub(usage, key);
    PetrelApi api = server.api();

    JsonNode appInfo = api.get(app.path()).path("app");
    if (key == null && appInfo.path("require_signatures").asBoolean(false)) {
      throw new CommandFailedException(
          "release.signature_required: "
              + app.id()
              + " requires signed releases; sign with --key FILE (a key registered with the app)");
    }
    PublishPreflight.requireChannel(api, app, channelName);
    if (key != null) {
      PublishPreflight.requireRegistered(api, app, key);
    }
    ReleaseNumbering.Numbered numbered = numbering.resolve(api, app, platformName);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("hashing " + file + " …");
    err.flush();
    ReleaseDraft draft =
        new ReleaseDraft(
            app.id(),
            platformName,
            channelName,
            numbered,
            artifact,
            artifact.hash(),
            mandatory,
            minimum,
            notes);
    SignedStatement signed = key == null ? null : key.signer().sign(draft.statement(Instant.now()));
    if (dryRun) {
      draft.printDryRun(out, signed);
      out.flush();
      return 0;
    }

    if (mirror != null) {
      mirror.repository();
    }
    artifact.upload(api, app.path(), draft.hashed(), err);
    ObjectNode body = draft.publishBody(signed);
    staged.addTo(body);
    if (signingCertificateRotation) {
      body.put("signing_certificate_rotation", true);
    }
    JsonNode release = api.post(app.path() + "/releases", body).path("release");
    report(out, release);
    if (mirror != null) {
      out.println("github        " + mirrorTo(mirror, signed, notes, release, err));
      out.flush();
    }
    return 0;
  }

  private int publishStoreRelease(
      UsageErrors usage,
      Platform platformName,
      Channel channelName,
      ReleaseNumbering numbering,
      Version minimum,
      String notes) {
    if (file != null || keyFile != null || github.enabled() || signingCertificateRotation) {
      throw usage.error(
          "--app-store-url publishes no file: it takes no --file, --key, --github or"
              + " --signing-certificate-rotation");
    }
    String url = StoreRelease.url(appStoreUrl, usage);
    PetrelApi api = server.api();
    PublishPreflight.requireChannel(api, app, channelName);
    ReleaseNumbering.Numbered numbered = numbering.resolve(api, app, platformName);
    ObjectNode body =
        StoreRelease.body(platformName, channelName, numbered, mandatory, minimum, notes, url);
    if (dryRun) {
      spec.commandLine().getOut().println("dry run: nothing published\n" + body.toPrettyString());
      spec.commandLine().getOut().flush();
      return 0;
    }
    staged.addTo(body);
    report(spec.commandLine().getOut(), api.post(app.path() + "/releases", body).path("release"));
    return 0;
  }

  /** The GitHub mirror asked for, checked before anything is uploaded; null without --github. */
  private GitHubReleases gitHub(UsageErrors usage, ReleaseKeyPair key) {
    if (!github.enabled()) {
      return null;
    }
    if (key == null) {
      throw usage.error(
          "--github needs --key: a GitHub release carries a signed feed, and clients install only"
              + " signed releases");
    }
    return github.releases();
  }

  private String mirrorTo(
      GitHubReleases mirror,
      SignedStatement signed,
      String notes,
      JsonNode release,
      PrintWriter err) {
    try {
      return new GitHubMirror(mirror, err)
          .mirror(signed, file, file.getFileName().toString(), notes);
    } catch (RuntimeException e) {
      throw new CommandFailedException(
          "published on Petrel as release "
              + release.path("id").asText()
              + ", but not mirrored to GitHub: "
              + e.getMessage(),
          e);
    }
  }

  private void report(PrintWriter out, JsonNode release) {
    out.println(
        "published "
            + app.id()
            + " "
            + release.path("version").asText()
            + " (code "
            + release.path("version_code").asText()
            + ") for "
            + release.path("platform").asText()
            + " on "
            + release.path("channel").asText()
            + " as release "
            + release.path("id").asText());
    out.println("download URL  " + release.path("download_url").asText());
    out.println(
        "sha256        "
            + (release.path("checksum").isTextual() ? release.path("checksum").asText() : "-"));
    out.println(
        "signature     "
            + (release.path("signing_key_id").isTextual()
                ? "signed with key " + release.path("signing_key_id").asText()
                : "none (unsigned)"));
    out.flush();
  }

  private String notes(UsageErrors usage) {
    if (notesChoice == null) {
      return null;
    }
    String notes = notesChoice.text;
    if (notesChoice.file != null) {
      try {
        notes = Files.readString(notesChoice.file, StandardCharsets.UTF_8).strip();
      } catch (NoSuchFileException e) {
        throw usage.error("--notes-file " + notesChoice.file + ": no such file");
      } catch (IOException e) {
        throw usage.error(
            "--notes-file " + notesChoice.file + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    if (notes.length() > MAX_NOTES) {
      throw usage.error(
          "release notes: expected at most " + MAX_NOTES + " characters, found " + notes.length());
    }
    return notes.isEmpty() ? null : notes;
  }
}
