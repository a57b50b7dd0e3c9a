package dev.petrel.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * What a publisher signs with the release key: the facts about one release that a client must be
 * able to trust even when the server is not. Immutable and thread-safe.
 *
 * <p>{@link #canonicalBytes()} is the exact byte sequence that is signed, specified in {@code
 * docs/protocol.md} ("Release statements"): UTF-8 JSON, keys in ascending order, no whitespace.
 * {@link #parse} accepts only those bytes, so a statement has one encoding and {@code
 * parse(s.canonicalBytes()).equals(s)} always holds.
 *
 * @param app the app the release belongs to
 * @param platform the platform it was built for
 * @param channel the channel it is published to
 * @param version its version, without build metadata
 * @param versionCode its version code, 1 to {@value #MAX_INTEGER}
 * @param sha256 the SHA-256 of the artifact's bytes
 * @param size the artifact's length in bytes, 0 to {@value #MAX_INTEGER}
 * @param mandatory whether installing it is required
 * @param minSupportedVersion devices below this version must update; null when there is no minimum
 * @param issuedAt when the publisher signed it; truncated to whole seconds
 */
public record ReleaseStatement(
    AppId app,
    Platform platform,
    Channel channel,
    Version version,
    long versionCode,
    Sha256 sha256,
    long size,
    boolean mandatory,
    Version minSupportedVersion,
    Instant issuedAt) {

  /** The value of the {@code type} key, which keeps this document apart from other signed ones. */
  public static final String TYPE = "petrel.release.v1";

  /**
   * Largest version code and size: 2^53 - 1, so that every JSON implementation reads it exactly.
   */
  public static final long MAX_INTEGER = CanonicalJson.MAX_INTEGER;

  /** Longest input {@link #parse} reads; a canonical statement is well under 1 KiB. */
  public static final int MAX_BYTES = 4096;

  private static final Set<String> KEYS =
      Set.of(
          "app",
          "channel",
          "issued_at",
          "mandatory",
          "min_supported_version",
          "platform",
          "sha256",
          "size",
          "type",
          "version",
          "version_code");

  /**
   * Validates every component and truncates {@code issuedAt} to seconds.
   *
   * @throws NullPointerException if any component but {@code minSupportedVersion} is null
   * @throws InvalidValueException naming the component (as its JSON key) when a version carries
   *     build metadata, a number is out of range or {@code issuedAt} is outside 1970–9999
   */
  public ReleaseStatement {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(channel, "channel");
    StatementFields.requireCore("version", Objects.requireNonNull(version, "version"));
    StatementFields.requireRange("version_code", versionCode, 1, MAX_INTEGER);
    Objects.requireNonNull(sha256, "sha256");
    StatementFields.requireRange("size", size, 0, MAX_INTEGER);
    if (minSupportedVersion != null) {
      StatementFields.requireCore("min_supported_version", minSupportedVersion);
    }
    issuedAt = Objects.requireNonNull(issuedAt, "issued_at").truncatedTo(ChronoUnit.SECONDS);
    StatementFields.requireIssuedAt(issuedAt);
  }

  /** A builder with no components set; {@code mandatory} defaults to false. */
  public static ReleaseStatementBuilder builder() {
    return new ReleaseStatementBuilder();
  }

  /** The signed form: canonical UTF-8 JSON as specified in {@code docs/protocol.md}. */
  public byte[] canonicalBytes() {
    CanonicalJson.Writer json =
        new CanonicalJson.Writer()
            .string("app", app.name())
            .string("channel", channel.wireName())
            .string("issued_at", issuedAt.toString())
            .bool("mandatory", mandatory);
    if (minSupportedVersion == null) {
      json.nullValue("min_supported_version");
    } else {
      json.string("min_supported_version", minSupportedVersion.toString());
    }
    return json.string("platform", platform.name())
        .string("sha256", sha256.hex())
        .integer("size", size)
        .string("type", TYPE)
        .string("version", version.toString())
        .integer("version_code", versionCode)
        .toBytes();
  }

  /**
   * Reads a statement from its canonical bytes.
   *
   * @throws InvalidValueException naming the first problem: more than {@value #MAX_BYTES} bytes,
   *     malformed or non-canonical JSON (with its byte offset), another document's {@code type}, a
   *     missing, unknown or duplicate key, a value of the wrong type or an invalid field value
   */
  public static ReleaseStatement parse(byte[] bytes) {
    StatementFields fields =
        StatementFields.read(
            "statement", Objects.requireNonNull(bytes, "bytes"), MAX_BYTES, TYPE, KEYS);
    ReleaseStatement statement =
        new ReleaseStatement(
            AppId.parse("statement.app", fields.text("app")),
            Platform.parse("statement.platform", fields.text("platform")),
            Channel.parse("statement.channel", fields.text("channel")),
            Version.parse("statement.version", fields.text("version")),
            fields.number("version_code"),
            Sha256.parse("statement.sha256", fields.text("sha256")),
            fields.number("size"),
            fields.flag("mandatory"),
            fields.isNull("min_supported_version")
                ? null
                : Version.parse(
                    "statement.min_supported_version", fields.text("min_supported_version")),
            fields.timestamp("issued_at"));
    StatementFields.requireCanonical("statement", bytes, statement.canonicalBytes());
    return statement;
  }
}
