package dev.petrel.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a publisher signs with the release key to recall a release: the recalled release and,
 * optionally, the lower release devices on it may go back to. Without a valid signature over this
 * document a client never installs a downgrade. Immutable and thread-safe.
 *
 * <p>{@link #canonicalBytes()} is the exact byte sequence that is signed, specified in {@code
 * docs/protocol.md} ("Recall statements"): the canonical JSON of release statements with {@code
 * "type":"petrel.recall.v1"}, so neither kind of document is ever read as the other. {@link #parse}
 * accepts only those bytes, so {@code parse(s.canonicalBytes()).equals(s)} always holds.
 *
 * @param app the app the recalled release belongs to
 * @param platform the platform it was built for
 * @param recalledVersion the recalled release's version, without build metadata
 * @param recalledVersionCode its version code, 1 to {@value #MAX_INTEGER}
 * @param target the release devices on the recalled one may downgrade to, or null when the recall
 *     allows no downgrade
 * @param reason why it was recalled, for people: 1 to {@value #MAX_REASON_LENGTH} characters, not
 *     blank, without control characters
 * @param issuedAt when the publisher signed it; truncated to whole seconds
 */
public record RecallStatement(
    AppId app,
    Platform platform,
    Version recalledVersion,
    long recalledVersionCode,
    Target target,
    String reason,
    Instant issuedAt) {

  /** The value of the {@code type} key, which keeps this document apart from other signed ones. */
  public static final String TYPE = "petrel.recall.v1";

  /** Largest version code: 2^53 - 1, as in {@link ReleaseStatement#MAX_INTEGER}. */
  public static final long MAX_INTEGER = CanonicalJson.MAX_INTEGER;

  /** Longest input {@link #parse} reads; the longest canonical recall is under 2.5 KiB. */
  public static final int MAX_BYTES = 4096;

  /** Most characters (Unicode code points) a reason may have. */
  public static final int MAX_REASON_LENGTH = 500;

  private static final Set<String> KEYS =
      Set.of(
          "app",
          "issued_at",
          "platform",
          "reason",
          "recalled_version",
          "recalled_version_code",
          "target_version",
          "target_version_code",
          "type");

  /**
   * The release a recall lets devices go back to.
   *
   * @param version its version, without build metadata
   * @param versionCode its version code, below the recalled one
   */
  public record Target(Version version, long versionCode) {
    /**
     * @throws InvalidValueException if the version carries build metadata or the code is out of
     *     range
     */
    public Target {
      StatementFields.requireCore(
          "target_version", Objects.requireNonNull(version, "target_version"));
      StatementFields.requireRange("target_version_code", versionCode, 1, MAX_INTEGER);
    }
  }

  /**
   * Validates every component and truncates {@code issuedAt} to seconds.
   *
   * @throws NullPointerException if any component but {@code target} is null
   * @throws InvalidValueException naming the component (as its JSON key) when a version carries
   *     build metadata, a number is out of range, the target's code is not below the recalled one,
   *     the reason is blank, too long or holds a control character, or {@code issuedAt} is outside
   *     1970–9999
   */
  public RecallStatement {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(platform, "platform");
    StatementFields.requireCore(
        "recalled_version", Objects.requireNonNull(recalledVersion, "recalled_version"));
    StatementFields.requireRange("recalled_version_code", recalledVersionCode, 1, MAX_INTEGER);
    if (target != null && target.versionCode() >= recalledVersionCode) {
      throw new InvalidValueException(
          "target_version_code",
          "target_version_code: expected a version code below the recalled "
              + recalledVersionCode
              + ", found "
              + target.versionCode());
    }
    checkReason(Objects.requireNonNull(reason, "reason"));
    issuedAt = Objects.requireNonNull(issuedAt, "issued_at").truncatedTo(ChronoUnit.SECONDS);
    StatementFields.requireIssuedAt(issuedAt);
  }

  /** A builder with no components set; the target defaults to none. */
  public static RecallStatementBuilder builder() {
    return new RecallStatementBuilder();
  }

  /** Whether the recall names a release to downgrade to. */
  public boolean allowsDowngrade() {
    return target != null;
  }

  /** The signed form: canonical UTF-8 JSON as specified in {@code docs/protocol.md}. */
  public byte[] canonicalBytes() {
    CanonicalJson.Writer json =
        new CanonicalJson.Writer()
            .string("app", app.name())
            .string("issued_at", issuedAt.toString())
            .string("platform", platform.name())
            .string("reason", reason)
            .string("recalled_version", recalledVersion.toString())
            .integer("recalled_version_code", recalledVersionCode);
    if (target == null) {
      json.nullValue("target_version").nullValue("target_version_code");
    } else {
      json.string("target_version", target.version().toString())
          .integer("target_version_code", target.versionCode());
    }
    return json.string("type", TYPE).toBytes();
  }

  /**
   * Reads a recall statement from its canonical bytes.
   *
   * @throws InvalidValueException naming the first problem: more than {@value #MAX_BYTES} bytes,
   *     malformed or non-canonical JSON (with its byte offset), another document's {@code type}
   *     (such as a release statement's), a missing, unknown or duplicate key, a value of the wrong
   *     type, only one of the two target keys null, or an invalid field value
   */
  public static RecallStatement parse(byte[] bytes) {
    StatementFields fields =
        StatementFields.read(
            "recall", Objects.requireNonNull(bytes, "bytes"), MAX_BYTES, TYPE, KEYS);
    RecallStatement statement =
        new RecallStatement(
            AppId.parse("recall.app", fields.text("app")),
            Platform.parse("recall.platform", fields.text("platform")),
            Version.parse("recall.recalled_version", fields.text("recalled_version")),
            fields.number("recalled_version_code"),
            target(fields),
            fields.text("reason"),
            fields.timestamp("issued_at"));
    StatementFields.requireCanonical("recall", bytes, statement.canonicalBytes());
    return statement;
  }

  private static Target target(StatementFields fields) {
    boolean noVersion = fields.isNull("target_version");
    if (noVersion != fields.isNull("target_version_code")) {
      throw new InvalidValueException(
          "recall.target_version",
          "recall: target_version and target_version_code must both be null or both be set");
    }
    return noVersion
        ? null
        : new Target(
            Version.parse("recall.target_version", fields.text("target_version")),
            fields.number("target_version_code"));
  }

  /**
   * Checks a reason against the rules of the {@code reason} component, for callers that take one
   * before a statement exists (an unsigned recall, a command line).
   *
   * @return {@code reason}
   * @throws InvalidValueException naming {@code reason} when it is blank, longer than {@value
   *     #MAX_REASON_LENGTH} characters, or holds a control character or a lone surrogate
   */
  public static String checkReason(String reason) {
    if (reason == null) {
      throw new InvalidValueException(
          "reason", "reason: expected a text saying why, found nothing");
    }
    if (reason.codePoints().allMatch(Character::isWhitespace)) { // String.isBlank: Android 33+
      throw new InvalidValueException(
          "reason",
          "reason: expected a text saying why, found " + InvalidValueException.quote(reason));
    }
    int length = reason.codePointCount(0, reason.length());
    if (length > MAX_REASON_LENGTH) {
      throw new InvalidValueException(
          "reason",
          "reason: expected at most " + MAX_REASON_LENGTH + " characters, found " + length);
    }
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidValueException(
            "reason",
            "reason: expected no control characters, found U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at index "
                + i);
      }
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < reason.length()
              && Character.isLowSurrogate(reason.charAt(i + 1));
      if (pair) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidValueException(
            "reason", "reason: expected valid Unicode, found a lone surrogate at index " + i);
      }
    }
    return reason;
  }
}
