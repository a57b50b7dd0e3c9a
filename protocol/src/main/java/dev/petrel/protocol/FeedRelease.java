package dev.petrel.protocol;

import java.util.Base64;
import java.util.Objects;

/**
 * One entry of a static feed as written, before verification: the newest release of one platform
 * and channel. Immutable. Only {@link #statement} and {@link #signature} carry trust; the other
 * components are unsigned hints that {@link FeedVerifier} requires to agree with the verified
 * statement. Obtain trusted values from {@link FeedVerifier#verify}, never from here.
 *
 * @param platform the platform, as the wrapper states it
 * @param channel the channel, as the wrapper states it
 * @param version the version, as the wrapper states it
 * @param versionCode the version code, as the wrapper states it
 * @param downloadUrl where to fetch the artifact: an absolute http or https URL
 * @param statement the statement's canonical bytes as signed, in standard base64 with padding
 * @param signature the Ed25519 signature over those bytes, in standard base64 (88 characters)
 * @param signingKeyId the key id of the signing key: a hint only
 */
public record FeedRelease(
    Platform platform,
    Channel channel,
    Version version,
    long versionCode,
    String downloadUrl,
    String statement,
    String signature,
    String signingKeyId) {

  /** Requires every component; the statement must be canonical base64. */
  public FeedRelease {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(downloadUrl, "download_url");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signingKeyId, "signing_key_id");
    statementBytes("statement", Objects.requireNonNull(statement, "statement"));
  }

  /** The entry of a signed release: its wrapper fields are copied from {@code signed}. */
  public static FeedRelease of(SignedStatement signed, String downloadUrl) {
    ReleaseStatement statement = signed.statement();
    return new FeedRelease(
        statement.platform(),
        statement.channel(),
        statement.version(),
        statement.versionCode(),
        downloadUrl,
        Base64.getEncoder().encodeToString(statement.canonicalBytes()),
        signed.signature(),
        signed.keyId());
  }

  /** The statement bytes exactly as carried (a fresh copy). */
  public byte[] statementBytes() {
    return statementBytes("statement", statement);
  }

  static byte[] statementBytes(String field, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          field,
          field + ": expected standard base64, found " + InvalidValueException.quote(base64));
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
      throw new InvalidValueException(
          field, field + ": expected standard base64 with padding and no line breaks");
    }
    if (bytes.length > ReleaseStatement.MAX_BYTES) {
      throw new InvalidValueException(
          field,
          field
              + ": expected at most "
              + ReleaseStatement.MAX_BYTES
              + " statement bytes, found "
              + bytes.length);
    }
    return bytes;
  }
}
