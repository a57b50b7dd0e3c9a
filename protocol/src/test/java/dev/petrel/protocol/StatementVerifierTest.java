package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementVerifierTest {
  private final ReleaseKeyPair oldKey = ReleaseKeyPair.generate();
  private final ReleaseKeyPair newKey = ReleaseKeyPair.generate();
  private final SignedStatement signed = newKey.signer().sign(StatementVectorTest.statementOne());
  private final byte[] bytes = signed.statement().canonicalBytes();

  @Test
  void acceptsAStatementByAnyPinnedKeyAndSaysWhich() {
    SignedStatement verified =
        StatementVerifier.verifyAndParse(
            bytes, signed.signature(), List.of(oldKey.publicKey(), newKey.publicKey()));

    assertThat(verified).isEqualTo(signed);
    assertThat(verified.keyId()).isEqualTo(newKey.publicKey().id());
  }

  @Test
  void refusesATruncatedOrMalformedSignature() {
    String truncated =
        Base64.getEncoder().encodeToString(Arrays.copyOf(signed.signatureBytes(), 63));
    List<ReleasePublicKey> pinned = List.of(newKey.publicKey());

    assertThatThrownBy(() -> StatementVerifier.verify(bytes, truncated, pinned))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessage(
            "signature: expected an Ed25519 signature of 64 bytes as base64, found 63 bytes")
        .extracting(e -> ((StatementVerificationException) e).reason())
        .isEqualTo(StatementVerificationException.Reason.MALFORMED_SIGNATURE);
    assertThatThrownBy(() -> StatementVerifier.verify(bytes, "not base64!", pinned))
        .hasMessage("signature: expected an Ed25519 signature as base64, found 'not base64!'");
    assertThatThrownBy(
            () -> StatementVerifier.verify(bytes, signed.signature().replace("=", ""), pinned))
        .hasMessage("signature: expected standard base64 with padding (88 characters)");
    assertThatThrownBy(() -> StatementVerifier.verify(bytes, null, pinned))
        .isInstanceOf(StatementVerificationException.class);
  }

  @Test
  void refusesAStatementNoPinnedKeyMade() {
    assertThatThrownBy(
            () -> StatementVerifier.verify(bytes, signed.signature(), List.of(oldKey.publicKey())))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessage(
            "signature: not made by any of the 1 pinned release key(s) ["
                + oldKey.publicKey().id()
                + "] over these statement bytes")
        .extracting(e -> ((StatementVerificationException) e).reason())
        .isEqualTo(StatementVerificationException.Reason.NOT_SIGNED_BY_PINNED_KEY);
  }

  @Test
  void refusesToVerifyWithoutPinnedKeys() {
    assertThatThrownBy(() -> StatementVerifier.verify(bytes, signed.signature(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no pinned release keys: nothing can be verified");
  }

  @Test
  void refusesOversizeStatementsBeforeVerifying() {
    byte[] huge = new byte[ReleaseStatement.MAX_BYTES + 1];

    assertThatThrownBy(
            () ->
                StatementVerifier.verifyAndParse(
                    huge, signed.signature(), List.of(newKey.publicKey())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("statement: expected at most 4096 bytes, found 4097 bytes");
  }

  @Test
  void signedStatementValidatesItsParts() {
    assertThatThrownBy(() -> new SignedStatement(signed.statement(), signed.signature(), "ABC"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("key_id: expected a key id of 16 lowercase hex characters, found 'ABC'");
    assertThatThrownBy(() -> new SignedStatement(signed.statement(), "AAAA", signed.keyId()))
        .hasMessageStartingWith("signature: expected an Ed25519 signature of 64 bytes");
  }
}
