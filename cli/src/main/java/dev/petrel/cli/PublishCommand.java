package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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
    mixinStandardHelpOptions = true,
    description = {
      "Publishes a release (publisher): hashes FILE, signs its release statement with --key,"
          + " uploads the file and publishes it.",
      "The private key never leaves this machine. --dry-run shows what would be published and"
          + " stops before the upload."
    })
final class PublishCommand implements Callable<Integer> {
  /** The server's rule for a hosted file's name; other names are left out of the download URL. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private static final int MAX_NOTES = 20_000;
  private static final int HASH_BUFFER = 64 * 1024;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;
  @Mixin StagedPublishOptions staged;

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

  @Option(names = "--file", required = true, paramLabel = "PATH", description = "The file.")
  Path file;

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
    Platform platformName = parse(() -> Platform.parse("--platform", platform));
    Channel channelName = parse(() -> Channel.parse("--channel", channel));
    Version requested = versionChoice.version == null ? null : requestedVersion();
    Version.Bump bump = versionChoice.bump == null ? null : bump();
    if (versionCode != null && (versionCode < 1 || versionCode > ReleaseStatement.MAX_INTEGER)) {
      throw usage("--version-code: expected 1 to " + ReleaseStatement.MAX_INTEGER);
    }
    Version minimum =
        minSupported == null
            ? null
            : parse(() -> Version.parse("--min-supported", minSupported).core());
    String notes = notes();
    requireReadableFile();
    ReleaseKeyPair key = keyFile == null ? null : readKey();
    PetrelApi api = server.api();

    JsonNode appInfo = api.get(app.path()).path("app");
    if (key == null && appInfo.path("require_signatures").asBoolean(false)) {
      throw new CommandFailedException(
          "release.signature_required: "
              + app.id()
              + " requires signed releases; sign with --key FILE (a key registered with the app)");
    }
    if (key != null) {
      requireRegistered(api, key);
    }
    Version version = requested;
    long code;
    if (bump != null || versionCode == null) {
      JsonNode newest = newest(api, platformName);
      if (bump != null) {
        if (newest == null) {
          throw new CommandFailedException(
              "--bump: "
                  + app.id()
                  + " has no release on "
                  + platformName
                  + " yet to bump from; give the first version with --version");
        }
        version = Version.parse("version", newest.path("version").asText()).core().bump(bump);
      }
      code = versionCode != null ? versionCode : newest == null ? 1 : newestCode(newest) + 1;
    } else {
      code = versionCode;
    }

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("hashing " + file + " …");
    err.flush();
    Hashed hashed = hash();
    SignedStatement signed = null;
    if (key != null) {
      ReleaseStatement statement =
          ReleaseStatement.builder()
              .app(app.id())
              .platform(platformName)
              .channel(channelName)
              .version(version)
              .versionCode(code)
              .sha256(hashed.sha256())
              .size(hashed.size())
              .mandatory(mandatory)
              .minSupportedVersion(minimum)
              .issuedAt(Instant.now())
              .build();
      signed = key.signer().sign(statement);
    }

    String fileName = file.getFileName().toString();
    boolean nameUsable = FILE_NAME.matcher(fileName).matches();
    if (dryRun) {
      out.println("dry run: nothing uploaded, nothing published");
      out.println("app             " + app.id());
      out.println("platform        " + platformName);
      out.println("channel         " + channelName.wireName());
      out.println("version         " + version);
      out.println("version code    " + code);
      out.println("file            " + file + (nameUsable ? "" : " (name not used in the URL)"));
      out.println(
          "size            " + hashed.size() + " (" + UploadProgress.bytes(hashed.size()) + ")");
      out.println("sha256          " + hashed.sha256().hex());
      out.println("mandatory       " + (mandatory ? "yes" : "no"));
      out.println("min supported   " + (minimum == null ? "-" : minimum));
      out.println("notes           " + (notes == null ? "-" : firstLine(notes)));
      if (signed == null) {
        out.println("signature       none (unsigned)");
      } else {
        out.println("signed with key " + signed.keyId());
        out.println("statement       " + statementText(signed));
      }
      out.flush();
      return 0;
    }

    String appPath = app.path();
    JsonNode uploaded = upload(api, appPath, hashed, nameUsable ? fileName : null, err);
    if (!hashed.sha256().hex().equals(uploaded.path("sha256").asText())
        || hashed.size() != uploaded.path("size").asLong(-1)) {
      throw new CommandFailedException(
          "the server stored sha256 "
              + uploaded.path("sha256").asText()
              + " and "
              + uploaded.path("size").asText()
              + " bytes, but the file hashed to "
              + hashed.sha256().hex()
              + " and "
              + hashed.size()
              + " bytes; nothing was published");
    }

    ObjectNode body = PetrelApi.object();
    body.put("artifact_sha256", hashed.sha256().hex());
    body.put("platform", platformName.name());
    body.put("channel", channelName.wireName());
    body.put("version", version.toString());
    body.put("version_code", code);
    body.put("is_mandatory", mandatory);
    if (minimum != null) {
      body.put("min_supported_version", minimum.toString());
    }
    if (notes != null) {
      body.put("release_notes", notes);
    }
    if (nameUsable) {
      body.put("file_name", fileName);
    }
    if (signed != null) {
      body.put(
          "statement", Base64.getEncoder().encodeToString(signed.statement().canonicalBytes()));
      body.put("signature", signed.signature());
    }
    staged.addTo(body);
    JsonNode release = api.post(appPath + "/releases", body).path("release");
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
    out.println("sha256        " + release.path("checksum").asText());
    out.println(
        "signature     "
            + (release.path("signing_key_id").isTextual()
                ? "signed with key " + release.path("signing_key_id").asText()
                : "none (unsigned)"));
    out.flush();
    return 0;
  }

  /** Fails before the upload when the server would refuse the signature anyway. */
  private void requireRegistered(PetrelApi api, ReleaseKeyPair key) {
    String id = key.publicKey().id();
    for (JsonNode registered : api.get(app.path() + "/keys").path("keys")) {
      if (id.equals(registered.path("key_id").asText())) {
        return;
      }
    }
    throw new CommandFailedException(
        "release.signature_invalid: key "
            + id
            + " is not an active release key of "
            + app.id()
            + "; register its public half with 'petrel apps keys add --app "
            + app.id()
            + " --key PREFIX.pub'");
  }

  /** The newest release of the app on {@code platform} (highest version code), or null. */
  private JsonNode newest(PetrelApi api, Platform platformName) {
    JsonNode releases =
        api.get(
                app.path()
                    + "/releases?platform="
                    + PetrelApi.segment(platformName.name())
                    + "&limit=1")
            .path("releases");
    return releases.isEmpty() ? null : releases.get(0);
  }

  private long newestCode(JsonNode newest) {
    long code = newest.path("version_code").asLong();
    if (code >= ReleaseStatement.MAX_INTEGER) {
      throw new CommandFailedException(
          "the newest release has version code " + code + "; give --version-code");
    }
    return code;
  }

  private JsonNode upload(
      PetrelApi api, String appPath, Hashed hashed, String fileName, PrintWriter err) {
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new CommandFailedException(file + " disappeared before the upload", e);
    }
    UploadProgress progress = new UploadProgress(err, hashed.size(), System.console() != null);
    String path = appPath + "/artifacts" + (fileName == null ? "" : "?file_name=" + fileName);
    try {
      return api.upload(path, progress.counting(body), hashed.sha256().hex());
    } finally {
      progress.finish();
    }
  }

  /** Reads the file once, in fixed-size chunks, for its SHA-256 and length. */
  private Hashed hash() {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[HASH_BUFFER];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Hashed(Sha256.ofDigest(digest.digest()), size);
  }

  private record Hashed(Sha256 sha256, long size) {}

  private Version requestedVersion() {
    Version version = parse(() -> Version.parse("--version", versionChoice.version));
    if (version.build() == null) {
      return version;
    }
    // 1.2.0+7 is the server's shorthand for version 1.2.0, code 7.
    if (version.buildNumber().isEmpty()) {
      throw usage(
          "--version: build metadata must be a build number (1.2.0+7) or left out; found '"
              + version
              + "'");
    }
    long fromBuild = version.buildNumber().getAsLong();
    if (versionCode != null && versionCode != fromBuild) {
      throw usage(
          "--version "
              + version
              + " carries build number "
              + fromBuild
              + " but --version-code is "
              + versionCode);
    }
    versionCode = fromBuild;
    return version.core();
  }

  private Version.Bump bump() {
    try {
      return Version.Bump.valueOf(versionChoice.bump.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--bump: expected patch, minor or major, found '" + versionChoice.bump + "'");
    }
  }

  private String notes() {
    if (notesChoice == null) {
      return null;
    }
    String notes = notesChoice.text;
    if (notesChoice.file != null) {
      try {
        notes = Files.readString(notesChoice.file, StandardCharsets.UTF_8).strip();
      } catch (NoSuchFileException e) {
        throw usage("--notes-file " + notesChoice.file + ": no such file");
      } catch (IOException e) {
        throw usage(
            "--notes-file " + notesChoice.file + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    if (notes.length() > MAX_NOTES) {
      throw usage(
          "release notes: expected at most " + MAX_NOTES + " characters, found " + notes.length());
    }
    return notes.isEmpty() ? null : notes;
  }

  private void requireReadableFile() {
    if (!Files.exists(file)) {
      throw usage("--file " + file + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw usage("--file " + file + ": not a readable regular file");
    }
  }

  private ReleaseKeyPair readKey() {
    if (!Files.exists(keyFile)) {
      throw usage("--key " + keyFile + ": no such file");
    }
    try {
      return ReleaseKeyPair.readPrivateKey(keyFile);
    } catch (InvalidValueException e) {
      throw usage(
          "--key "
              + keyFile
              + ": not an Ed25519 private key (pass PREFIX.key from 'petrel keys generate')");
    } catch (IOException e) {
      throw usage("--key " + e.getMessage());
    }
  }

  private static String statementText(SignedStatement signed) {
    return new String(signed.statement().canonicalBytes(), StandardCharsets.UTF_8);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end) + " …";
  }

  private <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidValueException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
