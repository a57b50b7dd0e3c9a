package dev.petrel.protocol;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 release public key: the 32 bytes of RFC 8032, written as one line of standard base64
 * (44 characters with padding). Servers register these per app; clients pin them. Immutable.
 *
 * <p>Its {@link #id()} is the first 16 hex characters of the SHA-256 of the 32 bytes: short enough
 * to show, long enough that two keys of one app never share it by accident.
 */
public final class ReleasePublicKey {
  /** Length of an Ed25519 public key in bytes. */
  public static final int LENGTH = 32;

  private final byte[] raw;
  private final String id;

  private ReleasePublicKey(byte[] raw) {
    this.raw = raw;
    this.id = Sha256.of(raw).hex().substring(0, 16);
  }

  /**
   * Parses the base64 line.
   *
   * @param field the input's name, used in the error message
   * @throws InvalidValueException unless {@code text} is base64 of exactly 32 bytes that form a
   *     valid Ed25519 public key
   */
  public static ReleasePublicKey parse(String field, String text) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text == null ? "" : text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          field,
          field
              + ": expected an Ed25519 public key as base64, found "
              + InvalidValueException.quote(text));
    }
    if (raw.length != LENGTH) {
      throw new InvalidValueException(
          field,
          field
              + ": expected an Ed25519 public key of "
              + LENGTH
              + " bytes as base64, found "
              + raw.length
              + " bytes");
    }
    if (!Ed25519Verifier.isValidPublicKey(raw)) {
      throw new InvalidValueException(field, field + ": not a valid Ed25519 public key");
    }
    return new ReleasePublicKey(raw);
  }

  /** The key of a JDK Ed25519 {@link PublicKey}. */
  public static ReleasePublicKey of(PublicKey key) {
    byte[] encoded = key.getEncoded(); // X.509 SubjectPublicKeyInfo: a 12-byte prefix, then the key
    if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())
        || encoded.length != 12 + LENGTH) {
      throw new IllegalArgumentException(
          "expected an Ed25519 public key, found " + key.getAlgorithm());
    }
    return new ReleasePublicKey(Arrays.copyOfRange(encoded, 12, encoded.length));
  }

  /**
   * The key as the JDK's {@link PublicKey}, for {@link java.security.Signature}. Needs the JDK's
   * EdEC classes (Java 15+), which Android before API 33 lacks: the client never calls this.
   */
  public PublicKey toJdkKey() {
    // RFC 8032: little-endian y, with the top bit of the last byte holding x's parity.
    byte[] reversed = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      reversed[i] = raw[LENGTH - 1 - i];
    }
    boolean xOdd = (reversed[0] & 0x80) != 0;
    reversed[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, reversed));
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no Ed25519, which Petrel requires", e);
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key", e);
    }
  }

  /** The 32 key bytes (a fresh copy). */
  public byte[] bytes() {
    return raw.clone();
  }

  /** The key as one base64 line. */
  public String base64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  /** A short, stable identifier: 16 hex characters of the SHA-256 of the key bytes. */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReleasePublicKey key && Arrays.equals(raw, key.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return base64();
  }
}
