package dev.petrel.protocol;

import java.util.List;
import java.util.Objects;

/**
 * A recall statement with its detached Ed25519 signature, as the server stores and serves them.
 * Immutable. Holding one proves nothing: call {@link #verify} against pinned keys, or obtain it
 * from {@link StatementVerifier#verifyAndParseRecall}.
 *
 * @param statement the signed recall; the signature covers its {@link
 *     RecallStatement#canonicalBytes()}
 * @param signature the 64 signature bytes in standard base64 with padding (88 characters)
 * @param keyId the {@link ReleasePublicKey#id()} of the signing key: a hint, never a reason to
 *     trust
 */
public record SignedRecall(RecallStatement statement, String signature, String keyId) {
  private static final NameSyntax KEY_ID = NameSyntax.fixed("0-9a-f", 16);

  /**
   * @throws InvalidValueException if the signature is not base64 of 64 bytes or the key id not 16
   *     lowercase hex characters
   */
  public SignedRecall {
    Objects.requireNonNull(statement, "statement");
    SignedStatement.decodeSignature("signature", signature);
    Names.require("key_id", keyId, KEY_ID, "a key id of 16 lowercase hex characters");
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
}
