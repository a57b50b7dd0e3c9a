package dev.petrel.protocol;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A release statement with its detached Ed25519 signature, as the server stores and serves them.
 * Immutable. Holding one proves nothing: call {@link #verify} against pinned keys, or obtain it
 * from {@link StatementVerifier#verifyAndParse}.
 *
 * @param statement the signed statement; the signature covers its {@link
 *     ReleaseStatement#canonicalBytes()}
 * @param signature the 64 signature bytes in standard base64 with padding (88 characters)
 * @param keyId the {@link ReleasePublicKey#id()} of the signing key: a hint for people and for
 *     choosing a key, never a reason to trust
 */
public record SignedStatement(ReleaseStatement statement, String signature, String keyId) {
  private static final NameSyntax KEY_ID = NameSyntax.fixed("0-9a-f", 16);

  /**
   * @throws InvalidValueException if the signature is not base64 of 64 bytes or the key id not 16
   *     lowercase hex characters
   */
  public SignedStatement {
    Objects.requireNonNull(statement, "statement");
    decodeSignature("signature", signature);
    Names.require("key_id", keyId, KEY_ID, "a key id of 16 lowercase hex characters");
  }

  /** The 64 signature bytes (a fresh copy). */
  public byte[] signatureBytes() {
    return decodeSignature("signature", signature);
  }

  /**
   * Verifies the signature against {@code pinned} keys.
   *
   * @return the pinned key that made the signature
   * @throws StatementVerificationException if none did
   */
  public ReleasePublicKey verify(List<ReleasePublicKey> pinned) {
    return StatementVerifier.verify(statement.canonicalBytes(), signature, pinned);
  }

  /**
   * Decodes a signature, accepting only the canonical form: standard base64 with padding of exactly
   * {@value Ed25519#SIGNATURE_LENGTH} bytes.
   */
  static byte[] decodeSignature(String field, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64 == null ? "" : base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          field,
          field
              + ": expected an Ed25519 signature as base64, found "
              + InvalidValueException.quote(base64));
    }
    if (bytes.length != Ed25519.SIGNATURE_LENGTH) {
      throw new InvalidValueException(
          field,
          field
              + ": expected an Ed25519 signature of 64 bytes as base64, found "
              + bytes.length
              + " bytes");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
      throw new InvalidValueException(
          field, field + ": expected standard base64 with padding (88 characters)");
    }
    return bytes;
  }
}
