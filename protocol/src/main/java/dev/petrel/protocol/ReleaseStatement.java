package dev.petrel.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
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
    requireCore("version", Objects.requireNonNull(version, "version"));
    requireRange("version_code", versionCode, 1);
    Objects.requireNonNull(sha256, "sha256");
    requireRange("size", size, 0);
    if (minSupportedVersion != null) {
      requireCore("min_supported_version", minSupportedVersion);
    }
    issuedAt = Objects.requireNonNull(issuedAt, "issued_at").truncatedTo(ChronoUnit.SECONDS);
    if (issuedAt.isBefore(Instant.EPOCH) || issuedAt.isAfter(LATEST)) {
      throw new InvalidValueException(
          "issued_at",
          "issued_at: expected a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, found "
              + issuedAt);
    }
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
   *     malformed or non-canonical JSON (with its byte offset), a missing, unknown or duplicate
   *     key, a value of the wrong type or an invalid field value
   */
  public static ReleaseStatement parse(byte[] bytes) {
    Map<String, Object> members =
        CanonicalJson.readObject("statement", Objects.requireNonNull(bytes, "bytes"), MAX_BYTES);
    for (String key : members.keySet()) {
      if (!KEYS.contains(key)) {
        throw invalid("statement: unknown key " + InvalidValueException.quote(key));
      }
    }
    for (String key : new java.util.TreeSet<>(KEYS)) {
      if (!members.containsKey(key)) {
        throw invalid("statement: missing key '" + key + "'");
      }
    }
    if (!TYPE.equals(members.get("type"))) {
      throw invalid("statement.type: expected '" + TYPE + "', found " + shown(members.get("type")));
    }
    Object minimum = members.get("min_supported_version");
    ReleaseStatement statement =
        new ReleaseStatement(
            AppId.parse("statement.app", text(members, "app")),
            Platform.parse("statement.platform", text(members, "platform")),
            Channel.parse("statement.channel", text(members, "channel")),
            Version.parse("statement.version", text(members, "version")),
            number(members, "version_code"),
            Sha256.parse("statement.sha256", text(members, "sha256")),
            number(members, "size"),
            flag(members, "mandatory"),
            minimum == CanonicalJson.NULL
                ? null
                : Version.parse(
                    "statement.min_supported_version", text(members, "min_supported_version")),
            timestamp(text(members, "issued_at")));
    requireCanonical(bytes, statement.canonicalBytes());
    return statement;
  }

  /** Where two arrays first differ, or -1 (Arrays.mismatch is missing before Android API 33). */
  private static int firstDifference(byte[] a, byte[] b) {
    int common = Math.min(a.length, b.length);
    for (int i = 0; i < common; i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return a.length == b.length ? -1 : common;
  }

  private static void requireCanonical(byte[] found, byte[] canonical) {
    int at = firstDifference(found, canonical);
    if (at >= 0) {
      int end = Math.min(canonical.length, at + 24);
      throw invalid(
          "statement: not in canonical form from byte "
              + at
              + ": expected '"
              + new String(canonical, at, Math.max(0, end - at), StandardCharsets.UTF_8)
              + "…'");
    }
  }

  private static Instant timestamp(String text) {
    if (TIMESTAMP.matcher(text).matches()) {
      try {
        Instant instant = Instant.parse(text);
        if (instant.toString().equals(text)) {
          return instant;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new InvalidValueException(
        "statement.issued_at",
        "statement.issued_at: expected a UTC time like 2025-10-27T12:00:00Z, found "
            + InvalidValueException.quote(text));
  }

  private static String text(Map<String, Object> members, String key) {
    return (String) typed(members, key, String.class, "a string");
  }

  private static long number(Map<String, Object> members, String key) {
    return (Long) typed(members, key, Long.class, "an integer");
  }

  private static boolean flag(Map<String, Object> members, String key) {
    return (Boolean) typed(members, key, Boolean.class, "true or false");
  }

  private static Object typed(Map<String, Object> members, String key, Class<?> type, String what) {
    Object value = members.get(key);
    if (!type.isInstance(value)) {
      throw new InvalidValueException(
          "statement." + key,
          "statement." + key + ": expected " + what + ", found " + shown(value));
    }
    return value;
  }

  private static String shown(Object value) {
    return value == CanonicalJson.NULL
        ? "null"
        : value instanceof String text ? InvalidValueException.quote(text) : String.valueOf(value);
  }

  private static void requireCore(String field, Version version) {
    if (version.build() != null) {
      throw new InvalidValueException(
          field,
          field
              + ": expected a version without build metadata (the version code carries it), found '"
              + version
              + "'");
    }
  }

  private static void requireRange(String field, long value, long min) {
    if (value < min || value > MAX_INTEGER) {
      throw new InvalidValueException(
          field, field + ": expected " + min + " to " + MAX_INTEGER + ", found " + value);
    }
  }

  private static InvalidValueException invalid(String message) {
    return new InvalidValueException("statement", message);
  }
}
