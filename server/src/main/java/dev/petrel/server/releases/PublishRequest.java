package dev.petrel.server.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.Version;
import dev.petrel.server.artifacts.FileNames;
import dev.petrel.server.rollouts.RampPlan;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.StatementText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * A validated request to publish a release, as parsed from the JSON of {@code POST
 * /api/updates/publish} or {@code POST /api/v1/apps/{app}/releases}.
 *
 * <p>Exactly one of {@code artifactSha256} (an artifact uploaded before) and {@code downloadUrl}
 * (an external URL) is set. For hosted releases {@code fileSize} and {@code checksum}, when given,
 * must match the stored artifact.
 *
 * <p>{@code statement} (base64 of the canonical release-statement bytes, exactly as signed) and
 * {@code signature} (base64 of 64 Ed25519 bytes) are both set or both null. A signed release with a
 * {@code downloadUrl} also declares {@code checksum} and {@code fileSize}, which its statement
 * binds. Only the form is checked here; {@link ReleaseSignatures} checks the signature.
 *
 * <p>{@code publishAt} (null: now) schedules the release: checks offer it from then on. {@code
 * rolloutBasisPoints} is the initial share (null: the ramp's first step, else 10000); {@code ramp}
 * is a ramp plan the server follows from then on (null: none).
 *
 * <p>{@code signingCertificateRotation} is the publisher's explicit, audited consent that an APK is
 * signed by another certificate than the app's earlier releases (a key rotation); without it such
 * an APK is refused.
 */
public record PublishRequest(
    Platform platform,
    Channel channel,
    Version version,
    long versionCode,
    Version minSupportedVersion,
    Sha256 artifactSha256,
    String downloadUrl,
    Long fileSize,
    Sha256 checksum,
    String fileName,
    String releaseNotes,
    boolean mandatory,
    String statement,
    String signature,
    Instant publishAt,
    Integer rolloutBasisPoints,
    RampPlan ramp,
    boolean signingCertificateRotation) {

  static final int MAX_NOTES = 20_000;
  static final int MAX_URL = 2_000;

  /** Longest base64 text of a statement of {@link ReleaseStatement#MAX_BYTES} bytes. */
  static final int MAX_STATEMENT_TEXT = StatementText.maxText(ReleaseStatement.MAX_BYTES);

  /** Longest signature text read; a canonical Ed25519 signature is 88 characters. */
  static final int MAX_SIGNATURE_TEXT = 100;

  /** Furthest ahead a release may be scheduled. */
  static final Duration MAX_SCHEDULE = Duration.ofDays(366);

  /**
   * Parses and validates a body, including its ramp plan.
   *
   * @throws ApiException 400 naming the first field that is missing or malformed
   */
  public static PublishRequest parse(ObjectMapper mapper, byte[] bytes) {
    PublishRequest request = parse(JsonFields.parse(mapper, bytes));
    RampPlan ramp = RampPlan.read(mapper, bytes, "ramp");
    return ramp == null ? request : request.withRamp(ramp);
  }

  /** This request with a ramp plan. */
  public PublishRequest withRamp(RampPlan plan) {
    return new PublishRequest(
        platform,
        channel,
        version,
        versionCode,
        minSupportedVersion,
        artifactSha256,
        downloadUrl,
        fileSize,
        checksum,
        fileName,
        releaseNotes,
        mandatory,
        statement,
        signature,
        publishAt,
        rolloutBasisPoints,
        plan,
        signingCertificateRotation);
  }

  /** The share the release starts at. */
  public int initialBasisPoints() {
    if (rolloutBasisPoints != null) {
      return rolloutBasisPoints;
    }
    return ramp == null ? 10_000 : ramp.steps().get(0).basisPoints();
  }

  /**
   * Parses and validates the body's fields (all but the ramp plan, which is nested).
   *
   * @throws ApiException 400 naming the first field that is missing or malformed
   */
  public static PublishRequest parse(JsonFields body) {
    Platform platform = Platform.parse("platform", body.requiredText("platform"));
    String channelText = body.optionalText("channel");
    Channel channel = channelText == null ? Channel.STABLE : Channel.parse("channel", channelText);
    Version given = Version.parse("version", body.requiredText("version"));
    long versionCode = versionCode(given, body.optionalPositiveLong("version_code"));
    String minText = body.optionalText("min_supported_version");
    Version minSupported =
        minText == null ? null : Version.parse("min_supported_version", minText).core();
    String artifactText = body.optionalText("artifact_sha256");
    Sha256 artifact = artifactText == null ? null : Sha256.parse("artifact_sha256", artifactText);
    String url = body.optionalText("download_url");
    if ((artifact == null) == (url == null)) {
      throw ApiException.badRequest(
          "release.artifact_required",
          "give either artifact_sha256 (an uploaded artifact) or download_url (an external file), not "
              + (artifact == null ? "neither" : "both"));
    }
    if (url != null) {
      url = validateUrl(url);
    }
    Long fileSize = body.optionalNonNegativeLong("file_size");
    String checksumText = body.optionalText("checksum");
    Sha256 checksum = checksumText == null ? null : Sha256.parse("checksum", checksumText);
    String fileName = body.optionalText("file_name");
    if (fileName != null && !FileNames.isValid(fileName)) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "file_name: expected 1-200 characters of A-Z, a-z, 0-9, '.', '_' and '-', found '"
              + cut(fileName)
              + "'");
    }
    String notes = body.optionalText("release_notes");
    if (notes != null && notes.length() > MAX_NOTES) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "release_notes: expected at most " + MAX_NOTES + " characters, found " + notes.length());
    }
    String statement = statement(body.optionalText("statement"));
    String signature =
        StatementText.signature(
            statement,
            body.optionalText("signature"),
            MAX_SIGNATURE_TEXT,
            "the signed statement bytes",
            ReleaseSignatures::invalidSignature);
    if (statement != null && url != null && (checksum == null || fileSize == null)) {
      throw ApiException.badRequest(
          "request.missing_field",
          (checksum == null ? "checksum" : "file_size")
              + ": required for a signed release with a download_url, since the statement binds"
              + " the artifact's sha256 and size");
    }
    return new PublishRequest(
        platform,
        channel,
        given.core(),
        versionCode,
        minSupported,
        artifact,
        url,
        fileSize,
        checksum,
        fileName,
        notes == null ? "" : notes,
        body.optionalBoolean("is_mandatory", false),
        statement,
        signature,
        publishAt(body.optionalText("publish_at")),
        rolloutBasisPoints(body.optionalNonNegativeLong("rollout_basis_points")),
        null,
        body.optionalBoolean("signing_certificate_rotation", false));
  }

  private static Instant publishAt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "publish_at: expected an ISO-8601 instant like 2026-11-24T09:00:00Z, found '"
              + cut(text)
              + "'");
    }
  }

  private static Integer rolloutBasisPoints(Long value) {
    if (value != null && value > 10_000) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "rollout_basis_points: expected 0 to 10000 basis points, found " + value);
    }
    return value == null ? null : value.intValue();
  }

  /** Whether the request carries a signed statement. */
  public boolean signed() {
    return statement != null;
  }

  /** The statement's bytes, exactly as signed; null for an unsigned request. */
  public byte[] statementBytes() {
    return statement == null ? null : Base64.getDecoder().decode(statement);
  }

  private static String statement(String text) {
    return StatementText.read(
        text,
        ReleaseStatement.MAX_BYTES,
        "the statement bytes",
        ReleaseSignatures::invalidStatement);
  }

  private static long versionCode(Version version, Long declared) {
    var fromBuild = version.buildNumber();
    if (declared == null) {
      if (fromBuild.isEmpty()) {
        throw ApiException.badRequest(
            "request.missing_field",
            "version_code: required unless the version carries it as a build number (1.2.0+7), found nothing");
      }
      return fromBuild.getAsLong();
    }
    if (fromBuild.isPresent() && fromBuild.getAsLong() != declared) {
      throw ApiException.badRequest(
          "release.version_code_mismatch",
          "version_code: " + declared + " disagrees with the build number of version " + version);
    }
    return declared;
  }

  private static String validateUrl(String text) {
    if (text.length() > MAX_URL) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "download_url: expected at most " + MAX_URL + " characters, found " + text.length());
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw ApiException.badRequest(
          "request.invalid_field", "download_url: not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "download_url: expected an http or https URL, found '" + cut(text) + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "download_url: expected a URL with a host name, found '" + cut(text) + "'");
    }
    return text;
  }

  private static String cut(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
