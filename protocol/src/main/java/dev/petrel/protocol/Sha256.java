package dev.petrel.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A SHA-256 digest, held as 64 lowercase hexadecimal characters. Immutable and thread-safe.
 *
 * <p>{@link #parse} accepts upper or lower case and normalises to lower case, so two digests of the
 * same bytes are always {@link #equals equal}.
 */
public final class Sha256 {
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private final String hex;

  private Sha256(String hex) {
    this.hex = hex;
  }

  /**
   * Parses a hex digest.
   *
   * @param field the input's name, used in the error message
   * @throws InvalidValueException unless {@code text} is exactly 64 hexadecimal characters
   */
  public static Sha256 parse(String field, String text) {
    if (text == null || text.length() != 64 || !isHex(text)) {
      throw new InvalidValueException(
          field,
          field
              + ": expected a SHA-256 digest of 64 hexadecimal characters, found "
              + (text == null ? "nothing" : InvalidValueException.quote(text)));
    }
    return new Sha256(text.toLowerCase(Locale.ROOT));
  }

  /** Wraps the 32 bytes a {@link MessageDigest} for SHA-256 produced. */
  public static Sha256 ofDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("expected 32 digest bytes, found " + digest.length);
    }
    char[] hex = new char[64];
    for (int i = 0; i < 32; i++) {
      hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
    return new Sha256(new String(hex));
  }

  /** Digests {@code bytes} in memory; for small inputs only. */
  public static Sha256 of(byte[] bytes) {
    return ofDigest(newDigest().digest(bytes));
  }

  /** A fresh SHA-256 {@link MessageDigest}; every JDK ships one. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256, which the platform requires", e);
    }
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The 64 lowercase hex characters. */
  public String hex() {
    return hex;
  }

  /** The 32 digest bytes (a fresh copy). */
  public byte[] bytes() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] =
          (byte)
              ((Character.digit(hex.charAt(2 * i), 16) << 4)
                  | Character.digit(hex.charAt(2 * i + 1), 16));
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sha256 s && hex.equals(s.hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
