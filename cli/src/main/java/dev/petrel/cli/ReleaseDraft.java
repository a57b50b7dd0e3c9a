package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Everything {@code petrel publish} knows about the release before it exists: what its statement
 * says, what the publish request sends and what a dry run shows, from one set of values.
 *
 * @param file the file, already hashed
 * @param minimum the minimum supported version, or null
 * @param notes the release notes, or null
 */
record ReleaseDraft(
    AppId app,
    Platform platform,
    Channel channel,
    ReleaseNumbering.Numbered numbered,
    ArtifactFile file,
    ArtifactFile.Hashed hashed,
    boolean mandatory,
    Version minimum,
    String notes) {

  /** The release statement to sign, issued at {@code issuedAt}. */
  ReleaseStatement statement(Instant issuedAt) {
    return ReleaseStatement.builder()
        .app(app)
        .platform(platform)
        .channel(channel)
        .version(numbered.version())
        .versionCode(numbered.code())
        .sha256(hashed.sha256())
        .size(hashed.size())
        .mandatory(mandatory)
        .minSupportedVersion(minimum)
        .issuedAt(issuedAt)
        .build();
  }

  /** The publish request's body for the uploaded file, signed by {@code signed} when not null. */
  ObjectNode publishBody(SignedStatement signed) {
    ObjectNode body = PetrelApi.object();
    body.put("artifact_sha256", hashed.sha256().hex());
    body.put("platform", platform.name());
    body.put("channel", channel.wireName());
    body.put("version", numbered.version().toString());
    body.put("version_code", numbered.code());
    body.put("is_mandatory", mandatory);
    if (minimum != null) {
      body.put("min_supported_version", minimum.toString());
    }
    if (notes != null) {
      body.put("release_notes", notes);
    }
    if (file.urlName() != null) {
      body.put("file_name", file.urlName());
    }
    if (signed != null) {
      body.put(
          "statement", Base64.getEncoder().encodeToString(signed.statement().canonicalBytes()));
      body.put("signature", signed.signature());
    }
    return body;
  }

  /** Prints what a publish would send, and the signed statement when there is one. */
  void printDryRun(PrintWriter out, SignedStatement signed) {
    out.println("dry run: nothing uploaded, nothing published");
    out.println("app             " + app);
    out.println("platform        " + platform);
    out.println("channel         " + channel.wireName());
    out.println("version         " + numbered.version());
    out.println("version code    " + numbered.code());
    out.println(
        "file            "
            + file.path()
            + (file.urlName() != null ? "" : " (name not used in the URL)"));
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
      out.println(
          "statement       "
              + new String(signed.statement().canonicalBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end) + " …";
  }
}
