package dev.petrel.server.artifacts.s3;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ContentAddress;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A bucket and a key prefix, written {@code s3://bucket} or {@code s3://bucket/some/prefix}. The
 * store keeps artifacts under {@code <prefix>/<content address>} and uploads in progress under
 * {@code <prefix>/tmp/}.
 *
 * @param bucket the bucket's name (3 to 63 lower-case letters, digits, dots and hyphens)
 * @param prefix the key prefix: empty, or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._-]+/)*");
  private static final String TEMPORARY = "tmp/";

  /** Validates both parts; see {@link #parse}. */
  public S3Location {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "bucket: expected 3 to 63 lower-case letters, digits, '.' and '-', found '"
              + bucket
              + "'");
    }
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "prefix: expected empty or path segments of A-Z, a-z, 0-9, '.', '_' and '-' each ending"
              + " in '/', found '"
              + prefix
              + "'");
    }
  }

  /**
   * Parses {@code s3://bucket[/prefix]}; a trailing slash on the prefix is optional.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public static S3Location parse(String text) {
    String expected = "expected s3://bucket or s3://bucket/prefix, found '" + text + "'";
    if (text == null || !text.startsWith("s3://")) {
      throw new IllegalArgumentException(expected);
    }
    String rest = text.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    try {
      return new S3Location(bucket, prefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected + " (" + e.getMessage() + ")", e);
    }
  }

  /** The key of a finished artifact. */
  public String keyOf(Sha256 sha256) {
    return prefix + ContentAddress.of(sha256);
  }

  /** The prefix of keys that uploads in progress use until their digest is known. */
  String temporaryPrefix() {
    return prefix + TEMPORARY;
  }

  /** A fresh key for one upload in progress. */
  String newTemporaryKey() {
    return temporaryPrefix() + "upload-" + UUID.randomUUID();
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
