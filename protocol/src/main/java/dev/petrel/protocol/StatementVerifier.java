package dev.petrel.protocol;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks a detached signature over a release or recall statement against pinned release keys and
 * fails closed. Stateless and thread-safe.
 *
 * <p>Verification runs in plain Java ({@code Ed25519Verifier}, RFC 8032), never through the JDK's
 * EdEC provider, so it works unchanged on Android 8 (API 26) and later.
 *
 * <p>Every pinned key is tried, whatever key id accompanies the signature, so a list holding the
 * old and the new key during a rotation accepts statements made by either.
 */
public final class StatementVerifier {
  private StatementVerifier() {}

  /**
   * Verifies {@code signature} over exactly {@code statement}, the bytes as received.
   *
   * @param statement the statement bytes; they are checked as they are, never re-encoded
   * @param signature 64 bytes in standard base64 with padding
   * @param pinned the keys to trust; must not be empty
   * @return the first pinned key that made the signature
   * @throws StatementVerificationException with {@link
   *     StatementVerificationException.Reason#MALFORMED_SIGNATURE} when the signature is not base64
   *     of 64 bytes, or {@link StatementVerificationException.Reason#NOT_SIGNED_BY_PINNED_KEY} when
   *     no pinned key verifies it
   * @throws IllegalArgumentException if {@code pinned} is empty
   */
  public static ReleasePublicKey verify(
      byte[] statement, String signature, List<ReleasePublicKey> pinned) {
    Objects.requireNonNull(statement, "statement");
    if (pinned.isEmpty()) {
      throw new IllegalArgumentException("no pinned release keys: nothing can be verified");
    }
    byte[] signatureBytes;
    try {
      signatureBytes = SignedStatement.decodeSignature("signature", signature);
    } catch (InvalidValueException e) {
      throw new StatementVerificationException(
          StatementVerificationException.Reason.MALFORMED_SIGNATURE, e.getMessage());
    }
    for (ReleasePublicKey key : pinned) {
      if (Ed25519Verifier.verify(key.bytes(), statement, signatureBytes)) {
        return key;
      }
    }
    throw new StatementVerificationException(
        StatementVerificationException.Reason.NOT_SIGNED_BY_PINNED_KEY,
        "signature: not made by any of the "
            + pinned.size()
            + " pinned release key(s) "
            + pinned.stream().map(ReleasePublicKey::id).collect(Collectors.toList())
            + " over these statement bytes");
  }

  /**
   * Verifies, then parses: what a client calls on a statement fetched from a server or a feed.
   *
   * @return the statement with its signature and the id of the key that verified it
   * @throws InvalidValueException if {@code statement} is larger than {@link
   *     ReleaseStatement#MAX_BYTES} or, once verified, not a canonical statement
   * @throws StatementVerificationException as {@link #verify} does
   */
  public static SignedStatement verifyAndParse(
      byte[] statement, String signature, List<ReleasePublicKey> pinned) {
    if (statement.length > ReleaseStatement.MAX_BYTES) {
      throw new InvalidValueException(
          "statement",
          "statement: expected at most "
              + ReleaseStatement.MAX_BYTES
              + " bytes, found "
              + statement.length
              + " bytes");
    }
    ReleasePublicKey key = verify(statement, signature, pinned);
    return new SignedStatement(ReleaseStatement.parse(statement), signature, key.id());
  }

  /**
   * Verifies, then parses a recall statement: what a client calls before it trusts a recall (and
   * before it installs any downgrade). A release statement and its valid signature are refused
   * here, and a recall statement is refused by {@link #verifyAndParse}: the {@code type} key
   * differs.
   *
   * @return the recall with its signature and the id of the key that verified it
   * @throws InvalidValueException if {@code statement} is larger than {@link
   *     RecallStatement#MAX_BYTES} or, once verified, not a canonical recall statement
   * @throws StatementVerificationException as {@link #verify} does
   */
  public static SignedRecall verifyAndParseRecall(
      byte[] statement, String signature, List<ReleasePublicKey> pinned) {
    if (statement.length > RecallStatement.MAX_BYTES) {
      throw new InvalidValueException(
          "recall",
          "recall: expected at most "
              + RecallStatement.MAX_BYTES
              + " bytes, found "
              + statement.length
              + " bytes");
    }
    ReleasePublicKey key = verify(statement, signature, pinned);
    return new SignedRecall(RecallStatement.parse(statement), signature, key.id());
  }
}
